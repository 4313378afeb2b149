// The publisher's pipeline end to end: scripts/build-stockton (run by
// scripts/test before the bundle is built) turns the open files in
// ../shared/data into public/data/stockton/; here the explorer opens
// ?dataset=stockton and its headline and ward ranking (12 months to
// 2025-09 against the 12 before) are checked against a count made in this
// test from the raw police.uk files and the two ONS lookups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open } from './harness.mjs';
import { DATA, independentCount, ranks, rankingRows } from './cleveland.mjs';

const CURRENT = ['2024-10', '2025-09'];
const PREVIOUS = ['2023-10', '2024-09'];
let server;
let browser;

before(async () => {
  if (!existsSync(join(DATA, 'police-uk-cleveland'))) {
    throw new Error(`REAL DATA MISSING: ${DATA} is needed for the Stockton test (see ../shared/data/README.md)`);
  }
  if (!existsSync(join(ROOT, 'dist/data/stockton/manifest.json'))) {
    throw new Error('dist/data/stockton is missing: run scripts/build-stockton before trunk build (scripts/test does)');
  }
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fmt = (n) => n.toLocaleString('en-GB');

test('Stockton: the headline and the ward ranking equal an independent count from the raw files', async () => {
  const { counts, names } = independentCount(CURRENT, PREVIOUS);
  assert.equal(counts.size, 27, "Stockton's 27 wards");
  const current = [...counts.values()].reduce((a, c) => a + c.current, 0);
  const previous = [...counts.values()].reduce((a, c) => a + c.previous, 0);
  const q = `?dataset=stockton&current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;

  const { page, errors } = await open(browser, server.url + q);
  await page.getByTestId('current').waitFor();
  assert.match(await page.getByTestId('dataset-title').textContent(), /Stockton-on-Tees/);
  assert.equal(await page.getByTestId('demo-banner').count(), 0, 'real data carries no demo banner');
  assert.equal(await page.getByTestId('current').textContent(), fmt(current));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(previous));
  console.log(`# Stockton, crime excl. ASB: ${fmt(previous)} (Oct 2023 – Sep 2024) → ${fmt(current)} (Oct 2024 – Sep 2025)`);
  assert.deepEqual(errors, []);
  await page.close();

  const { page: wards } = await open(browser, `${server.url}${q}&page=wards`);
  await wards.getByTestId('ranking-table').waitFor();
  const rows = await rankingRows(wards);
  const now = ranks(new Map([...counts].map(([w, c]) => [w, c.current])));
  const before = ranks(new Map([...counts].map(([w, c]) => [w, c.previous])));
  const byName = new Map([...names].map(([code, name]) => [name, code]));
  assert.equal(rows.length, 27);
  for (const [rank, name, count, , , , previousRank] of rows) {
    const code = byName.get(name);
    assert.ok(code, `unexpected ward ${name}`);
    assert.equal(count, fmt(counts.get(code).current), `${name} count`);
    assert.equal(Number(rank), now.get(code), `${name} rank`);
    assert.equal(Number(previousRank), before.get(code), `${name} previous rank`);
  }
  assert.equal(await wards.getByTestId('ward-map').locator('path.area').count(), 27);
  await wards.close();
});
