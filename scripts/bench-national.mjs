// The national benchmark (see scripts/bench-national): the explorer on a
// whole country (public/data/national: 7,545 wards, 318 authorities, 36
// months, 14 types; scripts/build-national) in headless Chromium, served
// as a static host serves the build (precompressed files;
// scripts/static-host.mjs), a desktop's screen, no throttling. Each run
// opens the dataset in a fresh browser context (empty cache) and times:
//
// - first figures: from navigation to the headline figure on screen (an
//   observer injected before the page's own scripts), with the moment the
//   counts file had arrived (Resource Timing's responseEnd): fetch, then
//   parse, then the first page;
// - control changes: from the change (the event the control sends, or the
//   address changed as back and forward change it) to the next frame
//   painted after it, which shows the new figures, and to the frame after
//   that, when what waits for the first paint (the charts) is done;
// - the ward search: its first use (the box focused: every name is put in
//   its list), then real key presses in the box (through the browser's
//   input pipeline), each from its keydown to the next frame painted; then
//   a ward's name chosen, to its profile on screen.
//
// Prints the median and the range of each, against the goals of issue 15
// (first figures ≤ 3 s, a control change ≤ 50 ms, a keystroke ≤ 50 ms),
// and never asserts a time. `--vs DIR` compares another build (e.g. a copy
// of dist/ from an earlier revision) with this one, run by run in turn
// (before, after, before, after…), and prints each pair's after/before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { host } from './static-host.mjs';
import { HEADLINE_SEEN } from './headline-seen.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '5'));
const dataset = option('dataset', 'national');
const DIST = option('dist', join(ROOT, 'dist'));
const VS = option('vs', null);
for (const dir of [DIST, VS].filter(Boolean)) {
  if (!existsSync(join(dir, 'data', dataset, 'manifest.json'))) {
    console.error(`bench-national: ${join(dir, 'data', dataset)} is missing: run scripts/build-national, then trunk build --release --offline`);
    process.exit(1);
  }
}

// In the page before its own scripts: when the headline is first on
// screen, and a timer of changes (the change, then the next frame painted
// and the one after it: a setTimeout after requestAnimationFrame runs once
// that frame is painted).
const INIT = `(() => {
${HEADLINE_SEEN}  const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  window.__time = async (change) => {
    const t0 = performance.now();
    change();
    await painted();
    const frame = performance.now() - t0;
    await painted();
    return { frame, settled: performance.now() - t0 };
  };
  window.__keys = [];
  document.addEventListener('keydown', (e) => {
    const t0 = performance.now();
    painted().then(() => window.__keys.push(performance.now() - t0));
  }, true);
})();`;

// The changes timed, in order, each from the page the one before left.
const select = (testid, value) => `(() => {
  const s = document.querySelector('[data-testid="${testid}"]');
  s.value = ${JSON.stringify(value)};
  s.dispatchEvent(new Event('change', { bubbles: true }));
})`;
const address = (query) => `(() => {
  history.pushState(null, '', ${JSON.stringify(query)});
  dispatchEvent(new PopStateEvent('popstate'));
})`;
const click = (selector) => `(() => document.querySelector(${JSON.stringify(selector)}).click())`;
const q = `?dataset=${dataset}`;
const CHANGES = [
  ['period (last 12 months → financial year to date)', select('period-select', 'fytd'), 'period=fytd', 'current'],
  ['crime type (all crime → burglary)', select('selection-select', 'Burglary'), 'select=Burglary', 'current'],
  ['page (overview → the wards ranked)', click('[data-testid="nav-wards"]'), 'page=wards', 'ranking-table'],
  ['measure (count → rate)', click('[data-testid="measure-rate"]'), 'by=rate', 'ranking-table'],
  ['level (wards → local authorities)', address(`${q}&page=wards&level=district`), 'level=district', 'ranking-table'],
  ['area (an authority\'s own pages)', click('[data-testid="ranking-table"] tbody a'), 'area=', 'current'],
  ['area (back to the whole)', address(q), null, 'current'],
];

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.__headline !== undefined, null, { timeout: 120_000, polling: 50 });
  const first = await page.evaluate(() => {
    const counts = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/counts.csv'));
    return { headline: window.__headline, counts: counts?.responseEnd };
  });
  const result = { first: first.headline, fetched: first.counts, changes: [] };
  for (const [, change, expect, testid] of CHANGES) {
    const t = await page.evaluate(`window.__time(${change})`);
    await page.getByTestId(testid).first().waitFor({ timeout: 60_000 });
    const search = await page.evaluate(() => location.search);
    if (expect && !search.includes(expect)) throw new Error(`the change to ${expect} did not happen (${search})`);
    result.changes.push(t);
  }
  result.keys = await wardSearch(page);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await context.close();
  return result;
}

// Typing the start of a ward's name (real key presses), then choosing it.
async function wardSearch(page) {
  const box = page.getByTestId('ward-search');
  // The first use of the box puts every name in its list.
  const focus = await page.evaluate(`window.__time(() => document.querySelector('[data-testid="ward-search"]').focus())`);
  await box.click();
  await page.waitForFunction(() => document.querySelectorAll('#ward-names option').length > 0);
  // A name from the middle of the list (the 4,000th of the country's).
  const name = await page.evaluate(() => {
    const names = document.querySelectorAll('#ward-names option');
    return names[Math.min(3999, names.length >> 1)]?.value;
  });
  if (!name) throw new Error('the ward search lists no names');
  await page.evaluate(() => { window.__keys = []; });
  for (const key of name.slice(0, 4)) {
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await page.waitForFunction((n) => window.__keys.length >= n, name.slice(0, 4).indexOf(key) + 1);
  }
  const keys = await page.evaluate(() => window.__keys.slice());
  const chosen = await page.evaluate(`window.__time(() => {
    const box = document.querySelector('[data-testid="ward-search"]');
    box.value = ${JSON.stringify(name)};
    box.dispatchEvent(new Event('change', { bubbles: true }));
  })`);
  await page.waitForFunction(() => location.search.includes('ward='));
  return { focus, keys, chosen };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const ratio = (a, b) => {
  const r = a.map((x, i) => b[i] / x);
  return `${median(r).toFixed(2)} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
};

// Each measure of a run, by name: [label, goal (ms), value of a run].
const MEASURES = [
  ['counts file fetched', null, (r) => r.fetched],
  ['first figures (fetch, parse, first page)', 3000, (r) => r.first],
  ...CHANGES.flatMap(([label], i) => [
    [`${label}: next frame`, 50, (r) => r.changes[i].frame],
    [`${label}: and the frame after`, null, (r) => r.changes[i].settled],
  ]),
  ['ward search: its first use (every name put in its list)', null, (r) => r.keys.focus.frame],
  ['ward search: a keystroke, to the next frame', 50, (r) => median(r.keys.keys)],
  ['ward search: a ward chosen, to its profile', 50, (r) => r.keys.chosen.frame],
];

const builds = VS ? [['before', VS], ['after', DIST]] : [['', DIST]];
const servers = [];
for (const [, dir] of builds) servers.push(await host(dir));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
console.log(`bench-national: ?dataset=${dataset}, ${runs} runs, 1280×900, empty cache each run, no throttling; ` +
  `median (range) in ms. Goals: first figures ≤ 3,000, a change ≤ 50, a keystroke ≤ 50.` +
  (VS ? `\n  before: ${VS}\n  after:  ${DIST}\n  (run in turn: before, after, before, after…)` : ''));
try {
  const results = builds.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let b = 0; b < builds.length; b++) results[b].push(await once(browser, servers[b].url + q));
  }
  for (const [label, goal, value] of MEASURES) {
    const line = builds.map(([name], b) => `${name ? `${name} ` : ''}${ms(results[b].map(value))}`);
    if (VS) line.push(`after/before ${ratio(results[0].map(value), results[1].map(value))}`);
    console.log(`${label.padEnd(62)} ${line.join(', ')}${goal ? `  [goal ≤ ${goal}]` : ''}`);
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
