// Prints the size of the release bundles' wasm and JS, raw and gzip, and
// fails when one is over its budget:
// - the explorer (every reader downloads it): wasm + JS ≤ 362 KB gzip (see
//   ARCHITECTURE.md: what a phone's first figures wait for is the measure);
// - the loading worker and its reader (downloaded only by people who load
//   their own files on the Load data page): wasm + JS ≤ 205 KB gzip.
// - the offline files (offline.js registers the service worker sw.js once
//   the first figures are on the page: neither delays them): ≤ 8 KB gzip.
// (embed.js is for partners' pages, not the explorer's.)
// It also fails when a wasm holds code that a size rule keeps out
// (ARCHITECTURE.md, "Size rules"), found by a table that code brings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OFFLINE = ['offline.js', 'sw.js'];
const BUNDLES = [
  { name: 'explorer', budgetKb: 362, test: (f) => !f.startsWith('loader') && !['embed.js', 'reader.js', ...OFFLINE].includes(f) },
  { name: 'loading worker', budgetKb: 205, test: (f) => f.startsWith('loader') || f === 'reader.js' },
  { name: 'offline', budgetKb: 8, wasm: false, test: (f) => OFFLINE.includes(f) },
];
const dist = new URL('../dist/', import.meta.url).pathname;
const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort();
// Tables the standard library links in with the code that uses them.
const KEPT_OUT = [
  {
    what: "std's float parser (str::parse::<f64>; its power-of-five table, 5^-342 first)",
    fix: 'read decimals with data::number::parse_decimal',
    bytes: Buffer.from('5ad63b92d653f4ee3f3ba10629aa3f11', 'hex'),
  },
  {
    what: "std's Unicode case tables (str::to_lowercase and kin; plotters calls it for a font family given as a string)",
    fix: 'fold ASCII (to_ascii_lowercase, eq_ignore_ascii_case); name chart fonts FontFamily::SansSerif',
    bytes: Buffer.from('c0000000e0000000c1000000e1000000', 'hex'), // ('À', 'à'), ('Á', 'á')
  },
];

let failed = false;
for (const f of files.filter((f) => f.endsWith('.wasm'))) {
  const wasm = readFileSync(join(dist, f));
  for (const rule of KEPT_OUT) {
    if (wasm.includes(rule.bytes)) {
      console.error(`size: ${f} holds ${rule.what}: ${rule.fix} (ARCHITECTURE.md, "Size rules")`);
      failed = true;
    }
  }
}
for (const bundle of BUNDLES) {
  const mine = files.filter(bundle.test);
  const needed = bundle.wasm === false ? mine.length === OFFLINE.length : mine.some((f) => f.endsWith('.wasm'));
  if (!needed) {
    console.error(`size: no ${bundle.name} ${bundle.wasm === false ? 'files' : '.wasm file'} in ${dist}; did trunk build run?`);
    process.exit(1);
  }
  let total = 0;
  for (const f of mine) {
    const bytes = readFileSync(join(dist, f));
    const gz = gzipSync(bytes, { level: 9 }).length;
    total += gz;
    console.log(`size: ${f.endsWith('.wasm') ? 'wasm' : 'js  '} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip  (${f})`);
  }
  console.log(`size: ${bundle.name}: wasm + js ${(total / 1024).toFixed(1)} KB gzip (budget ${bundle.budgetKb} KB)`);
  if (total > bundle.budgetKb * 1024) {
    console.error(`size: ${bundle.name} over budget by ${((total - bundle.budgetKb * 1024) / 1024).toFixed(1)} KB`);
    failed = true;
  }
}
if (failed) process.exit(1);
