// Prints the size of the release bundle's wasm and JS, raw and gzip, and
// fails when wasm + JS gzip exceeds the budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Issue 5's budget for the whole explorer (the first page alone had 150).
const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`size: no .wasm file in ${dist}; did trunk build run?`);
  process.exit(1);
}
let totalGzip = 0;
for (const f of files.sort()) {
  const bytes = readFileSync(join(dist, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  totalGzip += gz;
  console.log(`size: ${f.endsWith('.wasm') ? 'wasm' : 'js  '} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip  (${f})`);
}
console.log(`size: wasm + js ${(totalGzip / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (totalGzip > BUDGET_KB * 1024) {
  console.error(`size: over budget by ${((totalGzip - BUDGET_KB * 1024) / 1024).toFixed(1)} KB`);
  process.exit(1);
}
