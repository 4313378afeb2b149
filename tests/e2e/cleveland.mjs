// An independent count of the real Cleveland police.uk files in
// ../shared/data, through the two ONS lookups (2011 LSOA codes bridged to
// 2021): what the Stockton tests compare the explorer's figures with.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tableRows } from './harness.mjs';

export const DATA = join(ROOT, '../shared/data');
export const POLICE = join(DATA, 'police-uk-cleveland');
export const LOOKUP = join(DATA, 'ons/lsoa21_ward25_lad25_best_fit_lookup.csv');
export const BRIDGE = join(DATA, 'ons/lsoa11_to_lsoa21_best_fit_lookup.csv');
export const POPULATION = join(DATA, 'ons/lsoa21_population_census2021_ts007a.csv');
export const STOCKTON = 'E06000004';
/** Cleveland Police's four boroughs: Hartlepool, Middlesbrough, Redcar and
 *  Cleveland, Stockton-on-Tees. */
export const CLEVELAND = ['E06000001', 'E06000002', 'E06000003', 'E06000004'];

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

/** Crimes (ASB excluded) counted from the raw files by the lookup's
 *  column `key` (`WD25CD` for wards, `LAD25CD` for boroughs) for the
 *  LSOAs of the authorities `within`: area → { current, previous } in the
 *  two periods [first, last]; with the areas' names, the rows read, those
 *  in the authorities (any type), and those without an LSOA. */
export function countBy(key, within, current, previous) {
  const areaOf = new Map(); // LSOA21 → area code, inside `within` only
  const names = new Map();
  const known21 = new Set();
  const lk = table(LOOKUP);
  for (const r of lk.rows) {
    known21.add(r[lk.col('LSOA21CD')]);
    if (!within.includes(r[lk.col('LAD25CD')])) continue;
    areaOf.set(r[lk.col('LSOA21CD')], r[lk.col(key)]);
    names.set(r[lk.col(key)], r[lk.col(key.replace('CD', 'NM'))]);
  }
  const bridge = new Map();
  const br = table(BRIDGE);
  for (const r of br.rows) if (!bridge.has(r[br.col('LSOA11CD')])) bridge.set(r[br.col('LSOA11CD')], r[br.col('LSOA21CD')]);
  const counts = new Map([...names.keys()].map((w) => [w, { current: 0, previous: 0 }]));
  let read = 0;
  let inside = 0;
  let noLsoa = 0;
  for (const f of streetFiles()) {
    const t = table(f);
    const [m, l, ty] = ['Month', 'LSOA code', 'Crime type'].map(t.col);
    for (const r of t.rows) {
      read++;
      const code = r[l];
      if (code === '') noLsoa++;
      const area = known21.has(code) ? areaOf.get(code) : areaOf.get(bridge.get(code));
      if (!area) continue;
      inside++;
      if (r[ty] === 'Anti-social behaviour') continue;
      const month = r[m];
      if (month >= current[0] && month <= current[1]) counts.get(area).current++;
      if (month >= previous[0] && month <= previous[1]) counts.get(area).previous++;
    }
  }
  return { counts, names, read, inside, noLsoa };
}

/** Stockton's wards counted from the raw files (see countBy), with
 *  `inStockton` for the rows in the borough. */
export function independentCount(current, previous) {
  const { inside, ...rest } = countBy('WD25CD', [STOCKTON], current, previous);
  return { ...rest, inStockton: inside };
}

/** Census 2021 usual residents summed by the lookup's column `key` over
 *  the LSOAs of the authorities `within`. */
export function populationBy(key, within) {
  const areaOf = new Map();
  const lk = table(LOOKUP);
  for (const r of lk.rows) if (within.includes(r[lk.col('LAD25CD')])) areaOf.set(r[lk.col('LSOA21CD')], r[lk.col(key)]);
  const out = new Map();
  const pop = table(POPULATION);
  for (const r of pop.rows) {
    const area = areaOf.get(r[pop.col('geography code')]);
    if (area) out.set(area, (out.get(area) ?? 0) + Number(r[pop.col('Age: Total')]));
  }
  return out;
}

/** Competition ranks (1 = highest) of a Map's values. */
export const ranks = (values) =>
  new Map([...values].map(([k, v]) => [k, 1 + [...values.values()].filter((w) => w > v).length]));

/** The ward ranking table of the page: [rank, name, count, …] per row. */
export const rankingRows = (page) => tableRows(page, 'ranking-table');
