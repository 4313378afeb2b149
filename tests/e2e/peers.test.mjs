// The committed Cleveland dataset (public/data/cleveland): its four
// boroughs ranked by rate, each among its peers, checked against a plain
// reading of the committed files: counts by borough from counts.csv and
// areas.csv, rates with Byar's 95% interval computed here, and the
// sentence's rules (a superlative only when the intervals support it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, ROOT, tableRows, useAppAndBrowser } from './harness.mjs';
import { CLEVELAND, STOCKTON, countBy, populationBy, ranks, rankingRows } from './cleveland.mjs';

const app = useAppAndBrowser();
const DIR = join(ROOT, 'public/data/cleveland');
const lines = (f) => readFileSync(join(DIR, f), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const CURRENT = ['2024-10', '2025-09'];
const PREVIOUS = ['2023-10', '2024-09'];

test('Cleveland: the four boroughs by count and rate, ranked, and each among its peers equal a count of the raw police.uk files', async () => {
  // Counted from ../shared/data's police.uk files and ONS lookups, with
  // populations summed from the Census's LSOAs: nothing read from the
  // committed dataset.
  const { counts, names } = countBy('LAD25CD', CLEVELAND, CURRENT, PREVIOUS);
  const population = populationBy('LAD25CD', CLEVELAND);
  assert.equal(names.size, 4);
  // Byar's approximation of the Poisson 95% interval, per 1,000 residents.
  const byar = (o, pop) => {
    const z = 1.959964;
    const low = o === 0 ? 0 : o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
    const high = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
    return { rate: (o / pop) * 1000, low: (low / pop) * 1000, high: (high / pop) * 1000 };
  };
  const rated = [...names].map(([code, name]) => {
    const n = counts.get(code).current;
    return { code, name, n, ...byar(n, population.get(code)) };
  });
  rated.sort((a, b) => b.rate - a.rate);
  const byCount = ranks(new Map(rated.map((b) => [b.code, b.n])));
  const areas = lines('areas.csv');

  const q = `?dataset=cleveland&page=wards&level=district&by=rate&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;
  const { page, errors } = await open(app.browser, app.server.url + q);
  await page.getByTestId('ranking-table').waitFor();
  const rows = await tableRows(page, 'ranking-table');
  assert.deepEqual(rows.map((r) => r.slice(0, 4)), rated.map((b, i) => [String(i + 1), b.name, b.n.toLocaleString('en-GB'), b.rate.toFixed(1)]));
  // The map of wards shows each borough's figure on its wards.
  const paths = page.locator('figure.map path.area');
  assert.equal(await paths.count(), areas.length - 4, 'every ward of the four boroughs');
  assert.equal(await page.locator('figure.map path.area.none').count(), 0, 'no ward without figures');
  const stocktonWard = areas.find((a) => a[2] === 'E06000004')[0];
  assert.match(await page.locator(`figure.map path[data-code="${stocktonWard}"]`).getAttribute('aria-label'), /^Stockton-on-Tees: /);
  const peers = await page.getByTestId('peers').locator('li').allTextContents();
  assert.equal(peers.length, 4);
  for (const b of rated) {
    const others = rated.filter((o) => o !== b);
    const lower = others.filter((o) => b.high < o.low).length;
    const higher = others.filter((o) => b.low > o.high).length;
    const said = peers.find((p) => p.startsWith(`${b.name} had `));
    assert.ok(said, `a sentence for ${b.name}`);
    if (lower === 3) assert.equal(said, `${b.name} had the lowest rate of the 4 districts, significantly lower than each of the others.`);
    else if (higher === 3) assert.equal(said, `${b.name} had the highest rate of the 4 districts, significantly higher than each of the others.`);
    else assert.ok(!/had the (lowest|highest) rate/.test(said), `no superlative the intervals do not support: ${said}`);
  }
  // Stockton's own sentence, word for word: its place from the lowest
  // rate and the peers its interval lies wholly below or above.
  const st = rated.find((b) => b.code === STOCKTON);
  const others = rated.filter((o) => o !== st);
  const below = others.filter((o) => st.high < o.low).length;
  const above = others.filter((o) => st.low > o.high).length;
  const fromLowest = 1 + others.filter((o) => o.rate < st.rate).length;
  const words = ['', 'one', 'two', 'three'];
  const place = below === 3 ? 'the lowest rate' : above === 3 ? 'the highest rate'
    : fromLowest === 1 ? 'one of the lowest rates' : fromLowest === 4 ? 'one of the highest rates'
      : fromLowest === 2 ? 'the second lowest rate' : 'the second highest rate';
  const differs = below === 3 ? 'significantly lower than each of the others'
    : above === 3 ? 'significantly higher than each of the others'
      : below === 0 && above === 0 ? 'not significantly different from any of the others'
        : above === 0 ? `significantly lower than ${words[below]} of them`
          : below === 0 ? `significantly higher than ${words[above]} of them`
            : `significantly lower than ${words[below]} and higher than ${words[above]} of them`;
  const stockton = `Stockton-on-Tees had ${place} of the 4 districts, ${differs}.`;
  assert.ok(peers.includes(stockton), `${stockton} in ${peers.join(' | ')}`);
  console.log(`# Cleveland's boroughs among their peers: ${peers.join(' | ')}`);
  // By count: the same counts, ranked by count (1 = most).
  await page.getByTestId('measure-count').check();
  await page.waitForFunction(() => !/by=rate/.test(location.search));
  const byCountRows = await rankingRows(page);
  assert.deepEqual(
    byCountRows.map((r) => [r[0], r[1], r[2]]).sort((x, y) => x[1].localeCompare(y[1])),
    rated.map((b) => [String(byCount.get(b.code)), b.name, b.n.toLocaleString('en-GB')]).sort((x, y) => x[1].localeCompare(y[1])),
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test("a borough's own pages: from the ranking to Stockton-on-Tees within Cleveland, whose ward ranking is the stockton dataset's", async () => {
  const q = `?dataset=cleveland&page=wards&level=district&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;
  const { page, errors } = await open(app.browser, app.server.url + q + '&by=rate');
  await page.getByTestId('peers').waitFor();
  const said = (await page.getByTestId('peers').locator('li').allTextContents()).find((p) => p.startsWith('Stockton-on-Tees had '));
  await page.getByTestId('ranking-table').getByRole('link', { name: 'Stockton-on-Tees' }).click();
  await page.getByTestId('current').waitFor();
  // Its overview says its place among its peers first, as the ranking did.
  assert.equal((await page.getByTestId('findings').locator('li').first().textContent()).trim(), said);
  assert.match(page.url(), /area=E06000004/);
  const trail = page.getByTestId('trail');
  assert.equal(await trail.locator('a').innerText(), 'Cleveland', 'the way back to the whole');
  assert.equal(await trail.locator('[aria-current=page]').innerText(), 'Stockton-on-Tees');
  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  assert.match(page.url(), /by=rate/, 'the measure chosen stays');
  const rows = (p) => tableRows(p, 'ranking-table');
  const within = await rows(page);
  const stockton = await open(app.browser, `${app.server.url}?dataset=stockton&page=wards&by=rate&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`);
  await stockton.page.getByTestId('ranking-table').waitFor();
  const own = await rows(stockton.page);
  assert.equal(within.length, 27);
  // The same ranking, row by row (the part adds a column: its targets).
  const ranking = (rows) => rows.map((r) => r.slice(0, 8));
  assert.deepEqual(ranking(within), ranking(own), 'the same ranking, row by row');
  // A ward's profile within the borough: the way back through it.
  await page.getByTestId('ranking-table').locator('tbody a').first().click();
  await page.getByTestId('profile').waitFor();
  const steps = await page.getByTestId('trail').locator('li').allInnerTexts();
  assert.deepEqual(steps.slice(0, 2), ['Cleveland', 'Stockton-on-Tees']);
  assert.equal(steps.length, 3);
  // The ward search covers the whole dataset: a Middlesbrough ward from
  // Stockton's pages opens in the whole, the way back through its borough.
  const areas = lines('areas.csv');
  const [, acklam] = areas.find((a) => a[2] === 'E06000002');
  await page.getByTestId('ward-search').fill(acklam);
  await page.getByTestId('ward-search').press('Enter');
  await page.waitForFunction((name) => document.querySelector('[data-testid=profile-name]')?.textContent.startsWith(name), acklam);
  assert.ok(!page.url().includes('area='), page.url());
  assert.deepEqual(await page.getByTestId('trail').locator('li').allInnerTexts(), ['Cleveland', 'Middlesbrough', acklam]);
  assert.deepEqual(errors, []);
  assert.deepEqual(stockton.errors, []);
  await page.close();
  await stockton.page.close();
});

test('the explorer opens on real Cleveland figures by default: the last 12 months against the 12 before, as a count of the raw files', async () => {
  const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
  const current = ['2024-12', '2025-11'];
  const previous = ['2023-12', '2024-11'];
  const { counts } = countBy('LAD25CD', CLEVELAND, current, previous);
  const sum = (k) => [...counts.values()].reduce((n, c) => n + c[k], 0);
  const { page, errors } = await open(app.browser, app.server.url);
  await page.getByTestId('current').waitFor();
  assert.equal(await page.getByTestId('dataset-title').textContent(), manifest.title);
  assert.equal(await page.getByTestId('demo-banner').count(), 0, 'real data, not the demo');
  assert.equal(await page.getByTestId('current').textContent(), sum('current').toLocaleString('en-GB'));
  assert.equal(await page.getByTestId('previous').textContent(), sum('previous').toLocaleString('en-GB'));
  assert.match(await page.getByTestId('headline-sentence').textContent(), /Dec 2024 – Nov 2025/);
  assert.deepEqual(errors, []);
  await page.close();
});
