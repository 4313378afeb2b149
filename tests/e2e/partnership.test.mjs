// The partnership's view on the demo (issue 15): its example targets with
// their statuses on the overview and on a ward's profile, and the other
// organisations' series (the council's ASB records, the fire service's
// deliberate fires) beside the police's ASB, each its own — all checked
// against plain loops over the demo files, and all crime unchanged by them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, open, readCountsIndependently, tableRows, useAppAndBrowser } from './harness.mjs';
import { rolling, total, allCrime, category, fmt, signed, signedPct, wards } from './expected.mjs';

const app = useAppAndBrowser();
const DEMO = join(ROOT, 'public/data/demo');
const manifest = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8'));
const inRange = (m, [a, b]) => m >= a && m <= b;

/** The demo's targets file, by a plain split. */
const targets = readFileSync(join(DEMO, 'targets.csv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(','))
  .map(([selection, pct, area]) => ({ selection, pct: Number(pct), area: area || null }));

/** What a target counts, as a row filter, and its label on the page. */
const SELECTIONS = {
  'all-crime': [allCrime, 'All crime (excluding ASB)'],
  asb: [category('Anti-social behaviour'), 'Anti-social behaviour'],
};
const selection = (key) => SELECTIONS[key] ?? [category(key), key];

/** The status in words with its mark, by the rule: on target at or
 *  below it, near within 2 points above, off beyond. */
const status = (actual, target) =>
  actual <= target ? '✓ on target' : actual <= target + 2 ? '≈ near target' : '✗ off target';

/** Expected targets-table rows and statuses for the ward `ward` (null:
 *  the borough): its own targets first, then the borough's it has none of. */
function expectedTargets(ward) {
  const own = targets.filter((t) => ward && t.area === ward);
  const apply = [...own, ...targets.filter((t) => !t.area && !own.some((o) => o.selection === t.selection))];
  return apply.map((t) => {
    const [keep, label] = selection(t.selection);
    const prev = total(rolling.previous, keep, ward);
    const cur = total(rolling.current, keep, ward);
    const actual = ((cur - prev) / prev) * 100;
    const setFor = t.area ? wards.get(t.area).name : manifest.whole_name;
    return { row: [label, setFor, signedPct(t.pct), signedPct(actual), status(actual, t.pct)], actual, t, label };
  });
}

test('targets on the overview and a ward profile: actual changes and statuses equal a plain count; the performance sentence says how many are met', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('targets-table').waitFor();
  const expected = expectedTargets(null);
  assert.deepEqual(await tableRows(page, 'targets-table'), expected.map((e) => e.row));
  assert.equal(await page.getByTestId('targets-note').textContent(), manifest.targets_note, 'labelled as examples');
  // One sentence: how many are met, then each one missed.
  const met = expected.filter((e) => e.row[4] === '✓ on target').length;
  const missed = expected.filter((e) => e.row[4] !== '✓ on target')
    .map((e) => `${e.label.charAt(0).toLowerCase()}${e.label.slice(1)} is ${e.row[4].slice(2)}: ${e.row[3]} against ${e.row[2]}`);
  const sentence = missed.length === 0 ? `All ${met} targets met.` : `${met} of ${expected.length} targets met; ${missed.join('; ')}.`;
  const findings = await page.getByTestId('findings').locator('li').allTextContents();
  assert.ok(findings.includes(sentence), `${sentence} in ${findings.join(' | ')}`);

  // The Town Centre's own target leads its profile; the borough's follow.
  const town = [...wards].find(([, w]) => w.name === 'Town Centre')[0];
  await page.goto(`${app.server.url}?dataset=demo&ward=${town}`);
  await page.getByTestId('targets-table').waitFor();
  const own = expectedTargets(town);
  assert.equal(own[0].t.area, town);
  assert.deepEqual(await tableRows(page, 'targets-table'), own.map((e) => e.row));
  assert.deepEqual(errors, []);
  await page.close();
});

test('several sources: police, council and fire service series side by side with their own changes; all crime unchanged by them', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('sources-table').waitFor();
  const series = [
    ['Anti-social behaviour', manifest.source, readCountsIndependently(join(DEMO, 'counts.csv')), 'Anti-social behaviour'],
    ...manifest.files.other_sources.map((o) => {
      const rows = readCountsIndependently(join(DEMO, o.counts));
      const name = rows[0].category;
      const group = name === 'Council-recorded ASB' ? `Anti-social behaviour (${o.source})` : name;
      return [group, o.source, rows, name];
    }),
  ];
  const expected = series.map(([group, source, rows, name]) => {
    const sum = (period) => rows.filter((r) => r.category === name && inRange(r.month, period)).reduce((n, r) => n + r.count, 0);
    const prev = sum(rolling.previous);
    const cur = sum(rolling.current);
    return [group, source, fmt(prev), fmt(cur), signed(cur - prev), signedPct(((cur - prev) / prev) * 100)];
  });
  const shown = (await tableRows(page, 'sources-table')).map((r) => r.slice(0, 6));
  assert.deepEqual(shown.slice().sort(), expected.slice().sort());
  assert.equal(shown.length, 3, 'never added together: one row each');
  // All crime is the police's crime alone.
  assert.equal(await page.getByTestId('current').textContent(), fmt(total(rolling.current, allCrime)));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(total(rolling.previous, allCrime)));
  // The council's series is chosen on its own, in incidents.
  await page.getByTestId('selection-select').selectOption('Council-recorded ASB');
  await page.waitForFunction((want) => document.querySelector('[data-testid="current"]')?.textContent === want, expected[1][3]);
  assert.match(await page.getByTestId('headline-sentence').textContent(), /incidents/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the ranking shows each ward's status against the target that applies to it: its own, else the borough's", async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo&page=wards`);
  await page.getByTestId('ranking-table').waitFor();
  const head = await page.getByTestId('ranking-table').locator('thead th').allTextContents();
  const col = head.findIndex((h) => h.trim().startsWith('Target'));
  assert.ok(col > 0, head.join(' | '));
  const rows = await tableRows(page, 'ranking-table');
  assert.equal(rows.length, wards.size);
  for (const [code, w] of wards) {
    const t = targets.find((x) => x.selection === 'all-crime' && x.area === code) ?? targets.find((x) => x.selection === 'all-crime' && !x.area);
    const prev = total(rolling.previous, allCrime, code);
    const cur = total(rolling.current, allCrime, code);
    const row = rows.find((r) => r[1] === w.name);
    assert.equal(row[col], `${status(((cur - prev) / prev) * 100, t.pct)} (${signedPct(t.pct)})`, w.name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("a Stockton ward within Cleveland takes its borough's own target before Cleveland's", async () => {
  const dir = join(ROOT, 'public/data/cleveland');
  const lines = (f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const ward = lines('areas.csv').find((a) => a[2] === 'E06000004');
  const sum = ([from, to]) => lines('counts.csv')
    .filter(([m, a, c]) => a === ward[0] && c !== 'Anti-social behaviour' && m >= from && m <= to)
    .reduce((n, r) => n + Number(r[3]), 0);
  const [prev, cur] = [sum(['2023-12', '2024-11']), sum(['2024-12', '2025-11'])];
  const { page, errors } = await open(app.browser, `${app.server.url}?ward=${ward[0]}`);
  await page.getByTestId('targets-table').waitFor();
  const rows = await tableRows(page, 'targets-table');
  const actual = ((cur - prev) / prev) * 100;
  assert.deepEqual(rows[0], ['All crime (excluding ASB)', 'Stockton-on-Tees', '\u22125.0%', signedPct(actual), status(actual, -5)]);
  assert.ok(rows.slice(1).every((r) => r[1] === 'Cleveland'), JSON.stringify(rows));
  assert.deepEqual(errors, []);
  await page.close();
});
