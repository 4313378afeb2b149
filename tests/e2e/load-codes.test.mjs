// Unknown codes are not "outside" (issue 12), end to end: the early-2023
// Cleveland files (mostly 2011 LSOA codes) with only the 2021 lookup,
// restricted to Stockton-on-Tees on the Load data page. The report counts
// the rows whose code the lookup does not list apart from the rows the
// lookup places outside Stockton, names such codes and hints at the
// 2011 → 2021 bridge. Expected figures are counted here from the raw files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launchBrowser, open } from './harness.mjs';
import { DATA, BRIDGE, LOOKUP, POLICE, STOCKTON, table } from './cleveland.mjs';

const EARLY = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05']
  .map((m) => join(POLICE, `${m}-cleveland-street.csv`));
const fmt = (n) => n.toLocaleString('en-GB');
let server;
let browser;

before(async () => {
  if (!existsSync(POLICE)) {
    throw new Error(`REAL DATA MISSING: ${DATA} is needed for these tests (see ../shared/data/README.md)`);
  }
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Rows of the early files by where the 2021 lookup puts their code. */
function count() {
  const known = new Set();
  const stockton = new Set();
  const lk = table(LOOKUP);
  for (const r of lk.rows) {
    known.add(r[lk.col('LSOA21CD')]);
    if (r[lk.col('LAD25CD')] === STOCKTON) stockton.add(r[lk.col('LSOA21CD')]);
  }
  const br = table(BRIDGE);
  const lsoa11 = new Set(br.rows.map((r) => r[br.col('LSOA11CD')]));
  const c = { read: 0, inside: 0, outside: 0, unknown: 0, none: 0, codes: new Map(), lsoa11 };
  for (const f of EARLY) {
    const t = table(f);
    const l = t.col('LSOA code');
    for (const r of t.rows) {
      c.read++;
      const code = r[l];
      if (code === '') c.none++;
      else if (stockton.has(code)) c.inside++;
      else if (known.has(code)) c.outside++;
      else {
        c.unknown++;
        c.codes.set(code, (c.codes.get(code) ?? 0) + 1);
      }
    }
  }
  return c;
}

async function loadStockton(files) {
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await page.getByTestId('load-input').setInputFiles(files);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  await page.getByTestId('load-level').selectOption('ward');
  await page.getByTestId('load-within').fill(STOCKTON); // a code finds its area too
  await page.getByTestId('load-within').press('Tab');
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 120_000 });
  await page.getByTestId('local-report-link').click();
  await page.getByTestId('load-rows').waitFor();
  const rows = await page.getByTestId('load-rows').locator('tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))));
  return { page, errors, rows };
}

const UNKNOWN = 'Unknown LSOA code: no lookup lists it, so it is in no area';
const OUTSIDE = 'Outside Stockton-on-Tees: the lookup places them elsewhere';

test('2011 codes with only the 2021 lookup are unknown codes with the bridge hint, not outside Stockton', async () => {
  const c = count();
  assert.ok(c.unknown > 1000, `the early files mostly use 2011 codes: ${c.unknown}`);
  const { page, errors, rows } = await loadStockton([...EARLY, LOOKUP]);
  assert.equal(rows['Rows read'], fmt(c.read));
  assert.equal(rows['Counted in an area (Ward)'], fmt(c.inside));
  assert.equal(rows[OUTSIDE], fmt(c.outside));
  assert.equal(rows[UNKNOWN], fmt(c.unknown));
  assert.equal(
    await page.getByTestId('load-adds-up').textContent(),
    `${fmt(c.inside)} counted + ${fmt(c.none)} not allocated + ${fmt(c.outside)} outside Stockton-on-Tees + ${fmt(c.unknown)} with an unknown code + 0 rejected = ${fmt(c.read)} rows read: every row is accounted for.`,
  );
  const unknown = await page.getByTestId('load-unknown').textContent();
  assert.ok(unknown.startsWith(`${fmt(c.unknown)} rows have an LSOA code no lookup lists`), unknown);
  // The commonest code is named with its rows, and it is a 2011 code.
  const [top, n] = [...c.codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  assert.ok(c.lsoa11.has(top), `${top} is a 2011 LSOA code`);
  assert.ok(unknown.includes(`${top} (${fmt(n)} rows)`), unknown);
  assert.ok(unknown.includes('add the 2011 → 2021 bridge (LSOA11CD → LSOA21CD), e.g. lsoa11_to_lsoa21_best_fit_lookup.csv'), unknown);
  assert.deepEqual(errors, []);
  await page.close();
});

test('with the bridge added, no code is unknown', async () => {
  const { page, errors, rows } = await loadStockton([...EARLY, BRIDGE, LOOKUP]);
  assert.equal(rows[UNKNOWN], '0');
  assert.equal(await page.getByTestId('load-unknown').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
