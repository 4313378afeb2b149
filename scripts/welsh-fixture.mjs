// Writes tests/e2e/fixtures/welsh-files/: a small Welsh fixture for the
// tests of Welsh area names (the Load data page and ?dataset=welsh&lang=cy).
//   node scripts/welsh-fixture.mjs [DATA_DIR]
// - lookup.csv: the ONS LSOA 2021 -> ward 2025 -> local authority 2025
//   lookup cut to Merthyr Tydfil (W06000024): its header and its 36 rows,
//   each line exactly as in DATA_DIR/ons/lsoa21_ward25_lad25_best_fit_lookup.csv
//   (BOM included), with the Welsh names (LSOA21NMW, WD25NMW, LAD25NMW).
// - population.csv: Census 2021 TS007A cut to those LSOAs, lines as in
//   DATA_DIR/ons/lsoa21_population_census2021_ts007a.csv.
// - 2025-01-south-wales-street.csv, 2025-02-south-wales-street.csv:
//   police.uk-format street files whose rows are INVENTED (a fixed-seed
//   generator, below) in those LSOAs, with two rows without a location a
//   month. They describe no real crime.
// The output is deterministic: running it again writes the same bytes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const DATA = process.argv[2] ?? join(ROOT, '../shared/data');
const OUT = join(ROOT, 'tests/e2e/fixtures/welsh-files');
const LAD = 'W06000024';

const lines = (file) => readFileSync(join(DATA, 'ons', file), 'utf8').split('\n');

const lookup = lines('lsoa21_ward25_lad25_best_fit_lookup.csv');
const mine = lookup.filter((l) => l.split(',')[6] === LAD);
if (mine.length === 0) throw new Error(`no rows of ${LAD} in the lookup`);
const lsoas = mine.map((l) => {
  const [code, name] = l.split(',');
  return { code, name };
});
const codes = new Set(lsoas.map((l) => l.code));

const population = lines('lsoa21_population_census2021_ts007a.csv');
const residents = population.filter((l) => codes.has(l.split(',')[2]));
if (residents.length !== lsoas.length) throw new Error('an LSOA has no population');

// mulberry32: a small fixed-seed generator.
let seed = 0x5eed_cafe;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

// Crime types weighted roughly as police.uk's across Wales.
const TYPES = [
  ['Anti-social behaviour', 17], ['Bicycle theft', 1], ['Burglary', 4],
  ['Criminal damage and arson', 8], ['Drugs', 3], ['Other crime', 2],
  ['Other theft', 6], ['Possession of weapons', 1], ['Public order', 7],
  ['Robbery', 1], ['Shoplifting', 8], ['Theft from the person', 2],
  ['Vehicle crime', 5], ['Violence and sexual offences', 35],
];
const WEIGHT = TYPES.reduce((s, [, w]) => s + w, 0);
function crimeType() {
  let r = random() * WEIGHT;
  for (const [name, w] of TYPES) {
    r -= w;
    if (r < 0) return name;
  }
  return TYPES[TYPES.length - 1][0];
}
const OUTCOMES = [
  'Investigation complete; no suspect identified', 'Unable to prosecute suspect',
  'Under investigation', 'Local resolution', 'Awaiting court outcome',
];
const PLACES = ['High Street', 'Park/Open Space', 'Supermarket', 'Parking Area', 'Shopping Area', 'Church Street'];
const FORCE = 'South Wales Police';
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

function month(m, rows) {
  const out = [HEADER];
  for (let i = 0; i < rows; i++) {
    const lsoa = pick(lsoas);
    const type = crimeType();
    const asb = type === 'Anti-social behaviour';
    const lon = (-3.38 + (random() - 0.5) * 0.08).toFixed(6);
    const lat = (51.75 + (random() - 0.5) * 0.08).toFixed(6);
    out.push([asb ? '' : hex(64), m, FORCE, FORCE, lon, lat, `On or near ${pick(PLACES)}`,
      lsoa.code, lsoa.name, type, asb ? '' : pick(OUTCOMES), ''].join(','));
  }
  for (const type of ['Violence and sexual offences', 'Anti-social behaviour']) {
    const asb = type === 'Anti-social behaviour';
    out.push([asb ? '' : hex(64), m, FORCE, FORCE, '', '', 'No Location', '', '', type,
      asb ? '' : pick(OUTCOMES), ''].join(','));
  }
  return `${out.join('\n')}\n`;
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'lookup.csv'), `${[lookup[0], ...mine].join('\n')}\n`);
writeFileSync(join(OUT, 'population.csv'), `${[population[0], ...residents].join('\n')}\n`);
writeFileSync(join(OUT, '2025-01-south-wales-street.csv'), month('2025-01', 240));
writeFileSync(join(OUT, '2025-02-south-wales-street.csv'), month('2025-02', 220));
console.log(`welsh-fixture: wrote ${OUT} (${lsoas.length} LSOAs of ${LAD})`);
