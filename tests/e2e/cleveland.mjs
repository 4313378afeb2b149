// An independent count of the real Cleveland police.uk files in
// ../shared/data, through the two ONS lookups (2011 LSOA codes bridged to
// 2021): what the Stockton tests compare the explorer's figures with.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export const DATA = join(ROOT, '../shared/data');
export const POLICE = join(DATA, 'police-uk-cleveland');
export const LOOKUP = join(DATA, 'ons/lsoa21_ward25_lad25_best_fit_lookup.csv');
export const BRIDGE = join(DATA, 'ons/lsoa11_to_lsoa21_best_fit_lookup.csv');
export const STOCKTON = 'E06000004';

/** The monthly street files, in month order. */
export const streetFiles = () =>
  readdirSync(POLICE).filter((f) => f.endsWith('-street.csv')).sort().map((f) => join(POLICE, f));

/** Splits one CSV line, honouring double quotes. */
export function split(line) {
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

export function table(file) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const head = split(lines[0]);
  return { col: (name) => head.indexOf(name), rows: lines.slice(1).map(split) };
}

/** Stockton's wards counted from the raw files: ward → { current,
 *  previous } of crime (ASB excluded) in the two periods [first, last];
 *  with the rows read, those in Stockton (any type), and those without an
 *  LSOA. */
export function independentCount(current, previous) {
  const wardOf = new Map(); // LSOA21 → ward code, Stockton only
  const names = new Map();
  const known21 = new Set();
  const lk = table(LOOKUP);
  for (const r of lk.rows) {
    known21.add(r[lk.col('LSOA21CD')]);
    if (r[lk.col('LAD25CD')] !== STOCKTON) continue;
    wardOf.set(r[lk.col('LSOA21CD')], r[lk.col('WD25CD')]);
    names.set(r[lk.col('WD25CD')], r[lk.col('WD25NM')]);
  }
  const bridge = new Map();
  const br = table(BRIDGE);
  for (const r of br.rows) if (!bridge.has(r[br.col('LSOA11CD')])) bridge.set(r[br.col('LSOA11CD')], r[br.col('LSOA21CD')]);
  const counts = new Map([...names.keys()].map((w) => [w, { current: 0, previous: 0 }]));
  let read = 0;
  let inStockton = 0;
  let noLsoa = 0;
  for (const f of streetFiles()) {
    const t = table(f);
    const [m, l, ty] = ['Month', 'LSOA code', 'Crime type'].map(t.col);
    for (const r of t.rows) {
      read++;
      const code = r[l];
      if (code === '') noLsoa++;
      const ward = known21.has(code) ? wardOf.get(code) : wardOf.get(bridge.get(code));
      if (!ward) continue;
      inStockton++;
      if (r[ty] === 'Anti-social behaviour') continue;
      const month = r[m];
      if (month >= current[0] && month <= current[1]) counts.get(ward).current++;
      if (month >= previous[0] && month <= previous[1]) counts.get(ward).previous++;
    }
  }
  return { counts, names, read, inStockton, noLsoa };
}

/** Competition ranks (1 = highest) of a Map's values. */
export const ranks = (values) =>
  new Map([...values].map(([k, v]) => [k, 1 + [...values.values()].filter((w) => w > v).length]));

/** The ward ranking table of the page: [rank, name, count, …] per row. */
export const rankingRows = (page) =>
  page.getByTestId('ranking-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
