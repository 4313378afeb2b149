// A country's scale, small (issue 15): the national generator
// (examples/generate_national.rs, what scripts/build-national runs) on two
// cities' wards, and a dataset with more areas than a map draws. This test
// writes both into dist/data/ and removes them after; the national
// benchmark itself (scripts/bench-national) is not a test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open, readCountsIndependently, tableRows, thousands } from './harness.mjs';
import { DATA, table } from './cleveland.mjs';

const SAMPLE = join(ROOT, 'dist/data/scale-sample');
const MANY = join(ROOT, 'dist/data/scale-many');
const CITIES = 'E08000025,E08000035'; // Birmingham's 69 wards and Leeds's 33
const CURRENT = ['2024-12', '2025-11'];
const PREVIOUS = ['2023-12', '2024-11'];
const HOSTILE = '<img src=x onerror=alert(1)> "Ward"';
let server;
let browser;

before(async () => {
  if (!existsSync(join(DATA, 'ons'))) {
    throw new Error(`REAL DATA MISSING: ${DATA}/ons is needed for the national generator (see ../shared/data/README.md)`);
  }
  if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: run trunk build --release first');
  execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '--example', 'generate_national', '--',
    DATA, SAMPLE, '--within', CITIES, '--whole-name', 'Birmingham and Leeds'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  manyAreas(1001);
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(SAMPLE, { recursive: true, force: true });
  rmSync(MANY, { recursive: true, force: true });
});

/** A dataset of `n` square wards in one borough, a year of counts each,
 *  one of them with a hostile name. */
function manyAreas(n) {
  mkdirSync(MANY, { recursive: true });
  const areas = ['area_code,area_name,parent_code,population', 'E06000001,Town,,'];
  const counts = ['month,area_code,category,count'];
  const features = [];
  for (let i = 0; i < n; i++) {
    const code = `E05${String(i).padStart(6, '0')}`;
    const name = i === 7 ? HOSTILE : `Square ${i}`;
    areas.push(`${code},"${name.replaceAll('"', '""')}",E06000001,1000`);
    for (let m = 1; m <= 12; m++) counts.push(`2024-${String(m).padStart(2, '0')},${code},Burglary,${(i % 7) + m}`);
    const [x, y] = [(i % 40) / 100, Math.floor(i / 40) / 100];
    const ring = [[x, y], [x + 0.009, y], [x + 0.009, y + 0.009], [x, y + 0.009], [x, y]];
    features.push({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  writeFileSync(join(MANY, 'areas.csv'), `${areas.join('\n')}\n`);
  writeFileSync(join(MANY, 'counts.csv'), `${counts.join('\n')}\n`);
  writeFileSync(join(MANY, 'wards.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  writeFileSync(join(MANY, 'manifest.json'), JSON.stringify({
    title: 'Many squares', synthetic: true, whole_name: 'Town',
    files: { counts: 'counts.csv', areas: 'areas.csv', boundaries: 'wards.geojson' },
  }));
}

const inside = (month, [first, last]) => month >= first && month <= last;

test("two cities from the national generator: synthetic, their counts file's figures, 100 of 102 wards ranked on the page, no map and why, every ward in the search", async () => {
  // Counted here from the generated files, plainly.
  const rows = readCountsIndependently(join(SAMPLE, 'counts.csv'));
  const crime = rows.filter((r) => r.category !== 'Anti-social behaviour');
  const sum = (period, area) => crime.filter((r) => inside(r.month, period) && (area === undefined || r.area === area))
    .reduce((a, r) => a + r.count, 0);
  const areas = table(join(SAMPLE, 'areas.csv'));
  const [code, name, parent] = ['area_code', 'area_name', 'parent_code'].map(areas.col);
  const wards = areas.rows.filter((r) => r[parent] !== '');
  assert.equal(wards.length, 102, "Birmingham's and Leeds's 2025 wards");
  const byWard = new Map(wards.map((w) => [w[code], sum(CURRENT, w[code])]));

  const q = `?dataset=scale-sample&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;
  const { page, errors } = await open(browser, server.url + q);
  await page.getByTestId('current').waitFor();
  assert.match(await page.getByTestId('dataset-title').textContent(), /^Birmingham and Leeds \(synthetic counts on real geography\)$/);
  assert.match(await page.getByTestId('demo-banner').textContent(), /invented \(synthetic\)/);
  assert.equal(await page.getByTestId('current').textContent(), thousands(sum(CURRENT)));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(sum(PREVIOUS)));

  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  const shown = await tableRows(page, 'ranking-table');
  assert.equal(shown.length, 100, 'the first 100 rows');
  assert.match(await page.getByTestId('rows-not-shown').textContent(), /^Showing the first 100 of 102 rows/);
  const most = Math.max(...byWard.values());
  assert.equal(shown[0][2], thousands(most), 'the first row is the most');
  assert.deepEqual(shown.map((r) => Number(r[2].replaceAll(',', ''))),
    [...byWard.values()].sort((a, b) => b - a).slice(0, 100), 'the 100 largest counts, in order');
  assert.equal(await page.getByTestId('no-map').textContent(), 'This dataset has no boundaries, so there is no map.');

  // The search knows every ward once the box is used, and finds one.
  const search = page.getByTestId('ward-search');
  await search.focus();
  assert.equal(await page.locator('#ward-names option').count(), 102);
  const ward = wards.find((w) => wards.filter((v) => v[name] === w[name]).length === 1);
  await search.fill(ward[name]);
  await search.press('Enter');
  await page.waitForURL(new RegExp(`ward=${ward[code]}`));
  await page.getByTestId('profile').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('more areas than a map draws: the page says why, ranks them all, and the search list keeps names as text', async () => {
  let dialogs = 0;
  const { page, errors } = await open(browser, `${server.url}?dataset=scale-many&page=wards`);
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.getByTestId('ranking-table').waitFor();
  assert.match(await page.getByTestId('no-map').textContent(),
    /^There is no map: it would have 1,001 areas, more than the 1,000 a map here shows/);
  assert.equal(await page.getByTestId('ward-map').count(), 0);
  assert.match(await page.getByTestId('rows-not-shown').textContent(), /of 1,001 rows/);
  await page.getByTestId('ward-search').focus();
  const names = await page.locator('#ward-names option').evaluateAll((os) => os.map((o) => o.value));
  assert.equal(names.length, 1001);
  assert.ok(names.includes(HOSTILE), 'the hostile name, as text');
  assert.equal(await page.locator('main img, main b, main script').count(), 0, 'no markup made from data');
  assert.equal(dialogs, 0);
  assert.deepEqual(errors, []);
  await page.close();
});
