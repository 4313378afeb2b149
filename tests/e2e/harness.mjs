// Shared pieces of the end-to-end tests: a static server for the release
// bundle (dist/), Debian's Chromium driven by playwright-core, and an
// independent reader of the demo counts file.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync, mkdirSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = new URL('../../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const FIXTURES = join(ROOT, 'tests/e2e/fixtures');
// Packages found as node finds them (this folder's node_modules, NODE_PATH).
const require = createRequire(import.meta.url);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
};

/** Serves dist/ (or a copy of it, `dir`) on 127.0.0.1 (a free port);
 *  `data/<fixture>/` is also served from tests/e2e/fixtures/. Resolves to
 *  { url, close }. */
export async function serveDist(dir = DIST) {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run "trunk build --release" first (scripts/test does)`);
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = normalize(path).replace(/^(\.\.[/\\])+/, '').replace(/^\/+/, '');
    let file = join(dir, rel || 'index.html');
    // Test tools served from the app's own origin (its CSP allows 'self').
    if (rel === '__test/axe.min.js') file = require.resolve('axe-core/axe.min.js');
    const fixture = rel.match(/^data\/([^/]+)\/(.*)$/);
    if (fixture && existsSync(join(FIXTURES, fixture[1]))) file = join(FIXTURES, fixture[1], fixture[2]);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    // Compressed as a real static host would, so transfer sizes are true.
    let body = readFileSync(file);
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && TYPES[extname(file)]) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches Debian's Chromium headless with flags that work as root here;
 *  `options` are playwright's for the context. The explorer's service
 *  worker is blocked unless `options` allow it (offline.test.mjs does):
 *  tests that hold or refuse a request (`page.route`) would not see the
 *  requests the worker answers from its cache, and pages of one file share
 *  one context, so one test's worker would serve the next test's pages. */
export async function launchBrowser({ args = [], ...options } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cse-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    serviceWorkers: 'block',
    ...options,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...args,
    ],
  });
  return context;
}

/** The rows of the table `testid` (its `section`: tbody, or tfoot) as
 *  shown, each a list of its cells' texts, once every row is there (a
 *  table draws its first rows, then the rest in the next frame, saying
 *  aria-busy until then). */
export async function tableRows(page, testid, section = 'tbody') {
  await page.locator(`[data-testid="${testid}"]:not([aria-busy])`).waitFor({ state: 'attached' });
  return page.getByTestId(testid).locator(`${section} tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** Opens `url` in a new page, collecting console errors and page errors. */
export async function open(context, url, viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  return { page, errors };
}

/** Where screenshots go (git-ignored). */
export function screenshotPath(name) {
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Reads a counts file with a plain split — deliberately not the app's
 *  reader — into rows of { month, area, category, count }. */
export function readCountsIndependently(path) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const at = (name) => header.indexOf(name);
  const [m, a, c, n] = ['month', 'area_code', 'category', 'count'].map(at);
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    return { month: f[m], area: f[a], category: f[c], count: Number(f[n]) };
  });
}

/** Adds `k` months to a `YYYY-MM` month. */
export function addMonths(month, k) {
  const [y, mm] = month.split('-').map(Number);
  const t = y * 12 + (mm - 1) + k;
  return `${String(Math.floor(t / 12)).padStart(4, '0')}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** 12,345 style, as the page shows whole numbers. */
export const thousands = (n) => n.toLocaleString('en-GB');

/** Starts the app's server and a browser before a test file's tests and
 *  stops them after; returns an object whose `server` and `browser` are
 *  set once `before` has run. */
export function useAppAndBrowser() {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await serveDist();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
