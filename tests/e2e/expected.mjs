// Figures computed independently of the app, by plain loops over the demo
// files, to check what the pages show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readCountsIndependently, addMonths } from './harness.mjs';

const DEMO = join(ROOT, 'public/data/demo');
export const rows = readCountsIndependently(join(DEMO, 'counts.csv'));
export const latest = rows.map((r) => r.month).sort().at(-1);
const ASB = 'Anti-social behaviour';

/** Wards from areas.csv: code → { name, population, parent }. */
export const wards = (() => {
  const lines = readFileSync(join(DEMO, 'areas.csv'), 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (n) => head.indexOf(n);
  const out = new Map();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (!f[col('parent_code')]) continue; // the borough itself
    out.set(f[col('area_code')], { name: f[col('area_name')], population: Number(f[col('population')]) });
  }
  return out;
})();

/** The rolling-12 pair: [start, end] of current and previous. */
export const rolling = {
  current: [addMonths(latest, -11), latest],
  previous: [addMonths(latest, -23), addMonths(latest, -12)],
};

/** Financial year to date (April start) and the same months a year before. */
export const fytd = (() => {
  const [y, m] = latest.split('-').map(Number);
  const back = (m + 12 - 4) % 12;
  const start = addMonths(latest, -back);
  return { current: [start, latest], previous: [addMonths(start, -12), addMonths(latest, -12)] };
})();

const inRange = (m, [a, b]) => m >= a && m <= b;

/** Sum of counts passing `keep` in a period, for one ward or the whole. */
export function total(period, keep, ward = null) {
  let n = 0;
  for (const r of rows) {
    if (!inRange(r.month, period) || !keep(r)) continue;
    if (ward !== null && r.area !== ward) continue;
    n += r.count;
  }
  return n;
}

export const allCrime = (r) => r.category !== ASB;
export const category = (name) => (r) => r.category === name;

/** 1,234 as the page shows it; signs with a true minus. */
export const fmt = (n) => n.toLocaleString('en-GB');
export const signed = (n) => (n > 0 ? '+' : n < 0 ? '\u2212' : '') + fmt(Math.abs(n));
export const signedPct = (p) => {
  const t = Math.abs(p).toFixed(1);
  if (t === '0.0') return '0.0%';
  return (p > 0 ? '+' : '\u2212') + t + '%';
};

/** Competition ranks (1 = most; ties share the best rank) of code → value. */
export function ranks(values) {
  const out = new Map();
  for (const [code, v] of values) {
    let above = 0;
    for (const [, w] of values) if (w > v) above++;
    out.set(code, above + 1);
  }
  return out;
}

/** Each ward's count in `period` for `keep`. */
export function wardCounts(period, keep) {
  const out = new Map([...wards.keys()].map((c) => [c, 0]));
  for (const r of rows) if (r.area && inRange(r.month, period) && keep(r)) out.set(r.area, (out.get(r.area) ?? 0) + r.count);
  return out;
}
