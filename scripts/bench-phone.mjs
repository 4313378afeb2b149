// The phone benchmark (see scripts/bench-phone): each page opened `runs`
// times in a fresh browser context (empty cache) under the phone's network
// and CPU, through the Chrome DevTools Protocol. For each run: first paint
// and first contentful paint (the browser's paint timings), the headline
// visible (a [data-testid=current] figure on screen, noted by an observer
// injected before the page's own scripts), and the bytes transferred
// (encoded, headers included) by the time the network is idle. Prints the
// median and the range of each.
//
// `--vs DIR` compares another build (e.g. a copy of dist/ from an earlier
// revision) with this one, run by run in turn (A, B, A, B…), and prints
// the ratio B/A of each pair as well: one busy moment on a shared machine
// then moves one pair, not the verdict.
import { existsSync, readFileSync } from 'node:fs';
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
const dataset = option('dataset', 'stockton');
const DIST = option('dist', join(ROOT, 'dist'));
const VS = option('vs', null);
const data = join(DIST, 'data', dataset);
if (!existsSync(join(data, 'manifest.json'))) {
  console.error(`bench-phone: ${data} is missing: run scripts/build-stockton, then trunk build --release --offline`);
  process.exit(1);
}

// The phone: the conditions of issue 14 (Chrome's "Fast 3G"-like preset).
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const CPU_SLOWDOWN = 4;

// A ward of the dataset: the first area with a parent in its areas file.
const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
const areasFile = manifest.files.areas && join(data, manifest.files.areas);
const ward = areasFile && readFileSync(areasFile, 'utf8').split(/\r?\n/).slice(1)
  .map((l) => l.split(',')).find((f) => f[2])?.[0];
const pages = [
  ['overview', `?dataset=${dataset}`],
  ...(ward ? [['ward profile', `?dataset=${dataset}&ward=${ward}`], ['embedded card', `?dataset=${dataset}&ward=${ward}&embed=card`]] : []),
];

// Notes when a headline figure is first on screen (performance.now()).
const OBSERVER = `(() => {
${HEADLINE_SEEN}})();`;

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, deviceScaleFactor: 2 });
  await context.addInitScript(OBSERVER);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.__headline !== undefined, null, { timeout: 120_000, polling: 100 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const t = await page.evaluate(() => {
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    return { fp: paint['first-paint'], fcp: paint['first-contentful-paint'], headline: window.__headline };
  });
  await context.close();
  return { ...t, bytes };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (xs) => `${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;

const builds = VS ? [['before', VS], ['after', DIST]] : [['', DIST]];
const servers = [];
for (const [, dir] of builds) servers.push(await host(dir));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
console.log(`bench-phone: ${runs} runs a page, 375×800, ${NETWORK.latency} ms round trip, ` +
  `${(NETWORK.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down, CPU ${CPU_SLOWDOWN}x slower, empty cache; ` +
  `median (range). Goal: headline ≤ 2.5 s, first paint ≤ 1 s.` +
  (VS ? `\n  before: ${VS}\n  after:  ${DIST}\n  (run in turn: before, after, before, after…)` : ''));
try {
  for (const [name, query] of pages) {
    const results = builds.map(() => []);
    for (let i = 0; i < runs; i++) {
      for (let b = 0; b < builds.length; b++) results[b].push(await once(browser, servers[b].url + query));
    }
    builds.forEach(([label], b) => {
      const col = (k) => results[b].map((r) => r[k]).filter((v) => typeof v === 'number');
      console.log(`${name.padEnd(14)} ${label ? label.padEnd(7) : ''}first paint ${ms(col('fp'))}, first contentful paint ${ms(col('fcp'))}, ` +
        `headline ${ms(col('headline'))}, ${(median(col('bytes')) / 1024).toFixed(0)} KB transferred  (${query})`);
    });
    if (VS) {
      const ratio = (k) => {
        const r = results[0].map((a, i) => results[1][i][k] / a[k]).filter(Number.isFinite);
        return `${median(r).toFixed(2)} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
      };
      console.log(`${name.padEnd(14)} after/before per pair: first paint ${ratio('fp')}, headline ${ratio('headline')}, bytes ${ratio('bytes')}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
