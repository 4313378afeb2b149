// The publisher's pipeline end to end: scripts/build-stockton (run by
// scripts/test before the bundle is built) turns the open files in
// ../shared/data into public/data/stockton/; here the explorer opens
// ?dataset=stockton and its headline and ward ranking (12 months to
// 2025-09 against the 12 before) are checked against a count made in this
// test from the raw police.uk files and the two ONS lookups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open } from './harness.mjs';

const DATA = join(ROOT, '../shared/data');
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

/** Splits one CSV line, honouring double quotes. */
function split(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

function table(file) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const head = split(lines[0]);
  return { col: (name) => head.indexOf(name), rows: lines.slice(1).map(split) };
}

/** Independent count: ward → { current, previous } of crime (ASB excluded). */
function independentCount() {
  const wardOf = new Map(); // LSOA21 → ward code, Stockton only
  const names = new Map();
  const known21 = new Set();
  const lk = table(join(DATA, 'ons/lsoa21_ward25_lad25_best_fit_lookup.csv'));
  for (const r of lk.rows) {
    known21.add(r[lk.col('LSOA21CD')]);
    if (r[lk.col('LAD25CD')] !== 'E06000004') continue;
    wardOf.set(r[lk.col('LSOA21CD')], r[lk.col('WD25CD')]);
    names.set(r[lk.col('WD25CD')], r[lk.col('WD25NM')]);
  }
  const bridge = new Map();
  const br = table(join(DATA, 'ons/lsoa11_to_lsoa21_best_fit_lookup.csv'));
  for (const r of br.rows) if (!bridge.has(r[br.col('LSOA11CD')])) bridge.set(r[br.col('LSOA11CD')], r[br.col('LSOA21CD')]);
  const counts = new Map([...names.keys()].map((w) => [w, { current: 0, previous: 0 }]));
  const dir = join(DATA, 'police-uk-cleveland');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('-street.csv'))) {
    const t = table(join(dir, f));
    const [m, l, ty] = ['Month', 'LSOA code', 'Crime type'].map(t.col);
    for (const r of t.rows) {
      if (r[ty] === 'Anti-social behaviour') continue;
      const code = r[l];
      const ward = known21.has(code) ? wardOf.get(code) : wardOf.get(bridge.get(code));
      if (!ward) continue;
      const month = r[m];
      if (month >= CURRENT[0] && month <= CURRENT[1]) counts.get(ward).current++;
      if (month >= PREVIOUS[0] && month <= PREVIOUS[1]) counts.get(ward).previous++;
    }
  }
  return { counts, names };
}

const ranks = (values) => new Map([...values].map(([k, v]) => [k, 1 + [...values.values()].filter((w) => w > v).length]));
const fmt = (n) => n.toLocaleString('en-GB');

test('Stockton: the headline and the ward ranking equal an independent count from the raw files', async () => {
  const { counts, names } = independentCount();
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
  const rows = await wards.getByTestId('ranking-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
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
