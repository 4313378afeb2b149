// Several sources on the Load data page (issue 12): the real Cleveland
// police.uk files with the ONS lookups, plus a council's own anti-social
// behaviour counts by ward and a categories file saying that series is not
// crime. All crime must equal the police-only count (independent, from the
// raw files); the council's series is its own, counted in incidents, with
// no share of all crime, and its months are its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, open, thousands } from './harness.mjs';
import { DATA, BRIDGE, LOOKUP, STOCKTON, POLICE, streetFiles, independentCount, table } from './cleveland.mjs';

const CURRENT = ['2024-10', '2025-09'];
const PREVIOUS = ['2023-10', '2024-09'];
const COUNCIL = 'Council-recorded ASB';
let server;
let browser;
let dir;

before(async () => {
  if (!existsSync(POLICE)) {
    throw new Error(`REAL DATA MISSING: ${DATA} is needed for the sources test (see ../shared/data/README.md)`);
  }
  dir = mkdtempSync(join(tmpdir(), 'cse-sources-'));
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Adds `k` months to `YYYY-MM`. */
function month(m, k) {
  const [y, mm] = m.split('-').map(Number);
  const t = y * 12 + mm - 1 + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** A council's ASB counts for Stockton's wards, Oct 2023 to Jun 2025 (it
 *  stops three months before the police data does); returns the file and
 *  its sums over the two periods. */
function councilFile() {
  const lk = table(LOOKUP);
  const wards = [...new Set(lk.rows.filter((r) => r[lk.col('LAD25CD')] === STOCKTON).map((r) => r[lk.col('WD25CD')]))].sort();
  const lines = ['month,area_code,category,count'];
  const sums = { current: 0, previous: 0 };
  for (let k = 0; month('2023-10', k) <= '2025-06'; k++) {
    const m = month('2023-10', k);
    wards.forEach((w, i) => {
      const n = ((i * 7 + k * 3) % 11) + 1;
      lines.push(`${m},${w},${COUNCIL},${n}`);
      if (m >= CURRENT[0] && m <= CURRENT[1]) sums.current += n;
      if (m >= PREVIOUS[0] && m <= PREVIOUS[1]) sums.previous += n;
    });
  }
  const file = join(dir, 'council-asb.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, sums };
}

test('police.uk files with a council ASB counts file and a categories file: all crime is the police count; the council series is its own', async () => {
  const expected = independentCount(CURRENT, PREVIOUS);
  const police = { current: 0, previous: 0 };
  for (const c of expected.counts.values()) {
    police.current += c.current;
    police.previous += c.previous;
  }
  const council = councilFile();
  const categories = join(dir, 'categories.csv');
  writeFileSync(categories, `category,group,is_crime\n${COUNCIL},Anti-social behaviour (council),no\n`);
  const files = streetFiles().filter((f) => /20(23-1|24|25)/.test(f));
  const { page, errors } = await open(browser, `${server.url}?page=load&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`);
  await page.getByTestId('load-input').setInputFiles([...files, BRIDGE, LOOKUP, council.file, categories]);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  await page.getByTestId('load-level').selectOption('ward');
  await page.getByTestId('load-within').fill(STOCKTON); // a code finds its area too
  await page.getByTestId('load-within').press('Tab');
  await page.getByTestId('load-start').click();
  await page.getByTestId('current').waitFor({ timeout: 120_000 });

  // All crime: exactly the police count.
  assert.equal(await page.getByTestId('current').textContent(), thousands(police.current));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(police.previous));
  // The council's series is a row of its own, outside all crime, with no share.
  const rows = await page.getByTestId('category-table').locator('tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const row = rows.find((r) => r[0] === COUNCIL);
  assert.ok(row, JSON.stringify(rows));
  // Its months end in Jun 2025: the current period is not whole for it.
  assert.deepEqual(row.slice(1, 6), [thousands(council.sums.previous), thousands(council.sums.current), '[x]', '[x]', '']);
  assert.equal(row[6], 'Not compared: months without data');
  const total = rows.find((r) => r[0] === 'All crime (excluding ASB)');
  assert.equal(total[2], thousands(police.current));

  // Chosen in the crime type menu (in its own part), it is counted in
  // incidents and its own months are said to be missing.
  const part = await page.getByTestId('selection-select').locator(`optgroup[label="Not crime"] option`).allTextContents();
  assert.deepEqual(part, [COUNCIL]);
  await page.getByTestId('selection-select').selectOption(COUNCIL);
  await page.waitForFunction((want) => document.querySelector('[data-testid="current"]')?.textContent === want,
    thousands(council.sums.current));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(council.sums.previous));
  assert.match(await page.getByTestId('headline-sentence').textContent(), /incidents/);
  assert.match(await page.getByTestId('period-notes').textContent(),
    /^3 of the 12 months of Oct 2024 – Sep 2025 have no data \(Jul 2025 – Sep 2025\), so the two periods are not compared\./);
  // The police figures stay whole: back to all crime, no notes.
  await page.getByTestId('selection-select').selectOption('all-crime');
  await page.waitForFunction((want) => document.querySelector('[data-testid="current"]')?.textContent === want,
    thousands(police.current));
  assert.equal(await page.getByTestId('period-notes').count(), 0);
  assert.match(await page.getByTestId('headline-sentence').textContent(), /offences/);
  assert.deepEqual(errors, []);
  await page.close();
});
