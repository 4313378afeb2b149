// No figure looks complete when its data is not (issue 12): months without
// data are said, never shown as zeros, and periods with such months are
// not compared; a dataset too short for every preset still opens on
// figures. Real police.uk files (West Yorkshire, three Julys) through the
// Load data page, and a published dataset of 12 months made in a copy of
// dist/. Expected figures come from plain counts in this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open, readCountsIndependently, addMonths, thousands } from './harness.mjs';
import { split } from './cleveland.mjs';

const WY = join(ROOT, '../shared/data/police-uk-west-yorkshire');
const JULYS = ['2016', '2017', '2018'].map((y) => join(WY, `${y}-07-west-yorkshire-street.csv`));
let server;
let browser;

before(async () => {
  if (!JULYS.every(existsSync)) {
    throw new Error(`REAL DATA MISSING: ${WY} is needed for the coverage tests (see ../shared/data/README.md)`);
  }
  server = await serveDist(yearDataset());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Crimes (anti-social behaviour excluded) in one police.uk file, by a
 *  plain split of its lines. */
function crimes(file) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const type = split(lines[0]).indexOf('Crime type');
  return lines.slice(1).filter((l) => split(l)[type] !== 'Anti-social behaviour').length;
}

/** Every visible text of the page's main area. */
const mainText = (page) => page.locator('main').innerText();

test('three Julys on the Load data page: July against July, the other months said to have no data, never a rise over empty months', async () => {
  const [, y2017, y2018] = JULYS.map(crimes);
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await page.getByTestId('load-input').setInputFiles(JULYS);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  await page.getByTestId('load-start').click();
  await page.getByTestId('current').waitFor({ timeout: 60_000 });

  // The default: the latest month against the same month a year before.
  assert.equal(await page.getByTestId('current').textContent(), thousands(y2018));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(y2017));
  assert.match(await page.locator('.headline dt').first().textContent(), /^Jul 2018 \(current\)$/);
  assert.equal(await page.getByTestId('period-select').inputValue(), 'month');
  assert.equal(
    await page.getByTestId('coverage').textContent(),
    'Data from Jul 2016 to Jul 2018; 22 of these 25 months have no data (Aug 2016 – Jun 2017, Aug 2017 – Jun 2018).',
  );
  // The presets reaching into the gaps say so in the menu.
  const rolling = await page.getByTestId('period-select').locator('option[value="rolling12"]').textContent();
  assert.equal(rolling, 'Last 12 months vs the 12 before (22 months without data)');

  // Chosen anyway: the counts of the one July each, said to be incomplete,
  // and not compared anywhere on the page.
  await page.getByTestId('period-select').selectOption('rolling12');
  await page.getByTestId('period-notes').waitFor();
  const gaps = '11 of the 12 months in each period have no data (Aug 2017 – Jun 2018; Aug 2016 – Jun 2017), so the two periods are not compared.';
  assert.equal(await page.getByTestId('period-notes').first().textContent(), gaps);
  assert.equal(await page.getByTestId('current').textContent(), thousands(y2018));
  assert.equal(await page.getByTestId('change').textContent(), '[x]');
  assert.equal(await page.getByTestId('pct-change').textContent(), '[x]');
  let text = await mainText(page);
  assert.doesNotMatch(text, /significant (increase|decrease)|\brose\b|\bfell\b/i);
  assert.match(await page.getByTestId('headline-sentence').textContent(), /not compared/);
  // The trend: months without data are gaps, and its words say so.
  const summary = await page.getByTestId('trend-chart').locator('.chart-summary').textContent();
  assert.match(summary, /No data for Aug 2017 – Jun 2018 \(Aug 2017 – Jul 2018\): shown as a gap\./);
  assert.doesNotMatch(summary, /\(0\)/, 'no month is shown as 0');
  await page.getByTestId('trend-chart').locator('table:not([aria-busy])').waitFor({ state: 'attached' });
  const trendRows = await page.getByTestId('trend-chart').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(trendRows.filter((r) => r[1] === 'no data').length, 11);
  assert.deepEqual(trendRows.at(-1).slice(0, 2), ['Jul 2018', thousands(y2018)]);

  // A custom pair over the same months says the same.
  await page.getByTestId('period-select').selectOption('custom');
  await page.getByTestId('custom-period').waitFor();
  for (const [id, month] of [['#prev-start', '2016-08'], ['#prev-end', '2017-07'], ['#cur-start', '2017-08'], ['#cur-end', '2018-07']]) {
    await page.locator(id).fill(month);
    await page.locator(id).dispatchEvent('change');
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="period-notes"]')?.textContent.includes('11 of the 12 months'));
  assert.equal(await page.getByTestId('period-notes').first().textContent(), gaps);
  assert.match(await page.locator('.headline dt').first().textContent(), /^Aug 2017 – Jul 2018/);

  // The rankings keep the statement, and so does every other page.
  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  assert.equal(await page.getByTestId('period-notes').first().textContent(), gaps);
  text = await mainText(page);
  assert.doesNotMatch(text, /significant (increase|decrease)/i);
  assert.deepEqual(errors, []);
  await page.close();
});

/** A copy of dist/ with a published dataset `year12` holding only the
 *  demo's last 12 months; returns the copy's folder. */
function yearDataset() {
  const dir = mkdtempSync(join(tmpdir(), 'cse-year12-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const demo = join(ROOT, 'public/data/demo');
  const out = join(dir, 'data/year12');
  mkdirSync(out, { recursive: true });
  const lines = readFileSync(join(demo, 'counts.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const last = lines.at(-1).slice(0, 7);
  const first = addMonths(last, -11);
  const kept = lines.slice(1).filter((l) => l.slice(0, 7) >= first);
  writeFileSync(join(out, 'counts.csv'), [lines[0], ...kept].join('\n') + '\n');
  for (const f of ['areas.csv', 'wards.geojson']) cpSync(join(demo, f), join(out, f));
  const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8'));
  manifest.title = 'One year (synthetic)';
  // The police counts alone: no other sources, categories or targets.
  manifest.files = { counts: 'counts.csv', areas: 'areas.csv', boundaries: 'wards.geojson' };
  for (const key of ['source', 'targets_note']) delete manifest[key];
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The 12-month dataset's all-crime sums in [from, to], by a plain read. */
function yearSum(from, to, area) {
  const rows = readCountsIndependently(join(ROOT, 'public/data/demo/counts.csv'));
  return rows
    .filter((r) => r.month >= from && r.month <= to && r.category !== 'Anti-social behaviour')
    .filter((r) => area === undefined || r.area === area)
    .reduce((a, r) => a + r.count, 0);
}

test('a published dataset of 12 months opens on figures on every page, and custom periods can be chosen from its menu', async () => {
  const rows = readCountsIndependently(join(ROOT, 'public/data/demo/counts.csv'));
  const last = rows.map((r) => r.month).sort().at(-1);
  const [prevFrom, prevTo, curFrom] = [addMonths(last, -11), addMonths(last, -6), addMonths(last, -5)];
  const base = `${server.url}?dataset=year12`;
  const { page, errors } = await open(browser, base);
  await page.getByTestId('current').waitFor();
  assert.equal(await page.getByTestId('current').textContent(), thousands(yearSum(curFrom, last)));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(yearSum(prevFrom, prevTo)));
  assert.match(await page.getByTestId('period-notes').textContent(), /are different times of year/);
  // Every preset is disabled with its reason; custom periods can be chosen.
  const options = await page.getByTestId('period-select').locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: o.value, disabled: o.disabled, text: o.textContent })));
  assert.equal(options.length, 6);
  for (const o of options.slice(0, 5)) {
    assert.ok(o.disabled, o.value);
    assert.match(o.text, /\(needs data from [A-Z][a-z]{2} \d{4}\)$/, o.text);
  }
  assert.deepEqual(options[5], { value: 'custom', disabled: false, text: 'Custom periods…' });
  assert.equal(await page.getByTestId('period-select').inputValue(), 'custom');
  await page.getByTestId('custom-period').waitFor();
  await page.locator('#cur-start').fill(addMonths(last, -2));
  await page.locator('#cur-start').dispatchEvent('change');
  await page.waitForFunction((want) => document.querySelector('[data-testid="current"]')?.textContent === want,
    thousands(yearSum(addMonths(last, -2), last)));
  assert.match(page.url(), new RegExp(`current=${addMonths(last, -2)}\\.\\.${last}`));
  await page.close();

  // The other pages and an embed open on figures too, from their addresses.
  const ward = rows.find((r) => r.area !== '').area;
  for (const [query, testid] of [
    ['&page=wards', 'ranking-table'],
    [`&ward=${ward}`, 'profile-table'],
    ['&page=deprivation', 'deprivation-summary'],
    ['&embed=card', 'current'],
    ['&period=rolling12', 'current'],
  ]) {
    const { page: p, errors: e } = await open(browser, base + query);
    await p.getByTestId(testid).first().waitFor();
    assert.equal(await p.getByTestId('period-error').count(), 0, query);
    assert.equal(await p.getByTestId('embed-error').count(), 0, query);
    if (query === '&period=rolling12') {
      assert.match(await p.getByTestId('period-notes').textContent(), /“Last 12 months vs the 12 before” reaches outside the data/);
    }
    assert.deepEqual(e, [], query);
    await p.close();
  }
  assert.deepEqual(errors, []);
});
