// The pages agree with explorer-cli compare/rank on the same files and
// periods: a councillor's page and an analyst's table give one answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open, tableRows } from './harness.mjs';

const CLI = join(ROOT, 'target/debug/explorer-cli');
const DEMO = join(ROOT, 'public/data/demo');
let server;
let browser;
before(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "cargo build --bin explorer-cli" (scripts/test does)`);
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs the CLI and parses its CSV (no quoted commas in these outputs). */
function cli(...args) {
  const out = execFileSync(CLI, [...args, '--counts', join(DEMO, 'counts.csv'), '--areas', join(DEMO, 'areas.csv')], { encoding: 'utf8' });
  const [head, ...lines] = out.trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const fmt = (n) => Number(n).toLocaleString('en-GB');
const rowsOf = tableRows;

test('wards page = explorer-cli rank (count, rate, previous rank, movement)', async () => {
  const want = cli('rank', '--current', '2025-01..2025-06', '--previous', '2024-01..2024-06', '--by', 'count');
  const { page } = await open(browser, `${server.url}?dataset=demo&page=wards&current=2025-01..2025-06&previous=2024-01..2024-06`);
  await page.getByTestId('ranking-table').waitFor();
  const got = await rowsOf(page, 'ranking-table');
  assert.equal(got.length, want.length);
  got.forEach(([rank, name, count, rate, , vs, previousRank], i) => {
    const w = want[i];
    assert.equal(name, w.area_name);
    assert.equal(rank, w.rank);
    assert.equal(count, fmt(w.current));
    assert.equal(rate, Number(w.rate_per_1000).toFixed(1));
    assert.ok(vs.startsWith(w.vs_whole), `${name}: ${vs} vs ${w.vs_whole}`);
    assert.equal(previousRank, w.previous_rank);
  });
  await page.close();
});

test('overview table and a ward profile = explorer-cli compare', async () => {
  const whole = cli('compare', '--preset', 'fytd', '--by', 'category');
  const { page } = await open(browser, `${server.url}?dataset=demo&period=fytd`);
  await page.getByTestId('category-table').waitFor();
  for (const [name, previous, current, , , , verdict] of await rowsOf(page, 'category-table')) {
    const w = whole.find((r) => r.key === name);
    assert.ok(w, `CLI has no ${name}`);
    assert.equal(previous, fmt(w.previous), name);
    assert.equal(current, fmt(w.current), name);
    assert.equal(verdict.toLowerCase(), w.verdict, name);
  }
  await page.close();
  const ward = cli('compare', '--preset', 'fytd', '--area', 'E05900011');
  const { page: profile } = await open(browser, `${server.url}?dataset=demo&period=fytd&ward=E05900011`);
  await profile.getByTestId('profile-table').waitFor();
  for (const [name, previous, current] of await rowsOf(profile, 'profile-table')) {
    const w = ward.find((r) => r.key === name);
    assert.equal(previous, fmt(w.previous), name);
    assert.equal(current, fmt(w.current), name);
  }
  await profile.close();
});
