// Offline and installable (issue 16): after one visit the explorer opens
// with the network off, from the service worker's caches (public/sw.js),
// and says that its figures are the copy kept on this device and when it
// was saved; the Load data page opens and loads a file offline; an
// embedded view registers no worker and stores nothing; a new build's
// worker replaces the old build's cache; the web app manifest and its
// icons are what Chromium needs to install the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open } from './harness.mjs';
import { POLICE } from './cleveland.mjs';
import { buildOf, stamp } from '../../scripts/offline.mjs';
import { ICONS, pixels, readPng } from '../../scripts/icons.mjs';

const DIST = join(ROOT, 'dist');
const DEMO = JSON.parse(readFileSync(join(DIST, 'data/demo/manifest.json'), 'utf8'));
/** Every file the demo's overview downloads. */
const DEMO_FILES = ['manifest.json', ...Object.values(DEMO.files).flatMap((f) =>
  Array.isArray(f) ? f.map((o) => o.counts) : [f])].filter((f) => typeof f === 'string');
const WARD = 'E05900020';
let server;

before(async () => {
  server = await serveDist();
});
after(async () => {
  await server?.close();
});

/** The names of the origin's caches, its data cache's addresses, and its
 *  worker's registrations, seen from `page`. */
const storage = (page) => page.evaluate(async () => {
  const names = await caches.keys();
  const data = names.find((n) => n.endsWith(' data'));
  const kept = data ? (await (await caches.open(data)).keys()).map((r) => r.url) : [];
  return {
    names,
    kept,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    idb: (await indexedDB.databases()).length,
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
  };
});

/** Waits until `ok(storage)` holds, polling. */
async function until(page, ok, what) {
  const end = Date.now() + 30_000;
  let last;
  while (Date.now() < end) {
    last = await storage(page);
    if (ok(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`${what}: ${JSON.stringify(last)}`);
}

/** Marks the kept copy of the demo's `file` as saved at noon `days` ago;
 *  returns that time. */
async function saved(page, file, days) {
  const when = new Date();
  when.setDate(when.getDate() - days);
  when.setHours(12, 0, 0, 0);
  await page.evaluate(async ([file, iso]) => {
    const cache = await caches.open((await caches.keys()).find((n) => n.endsWith(' data')));
    const url = new URL(`data/demo/${file}`, location.href).href;
    const copy = await cache.match(url);
    const headers = new Headers(copy.headers);
    headers.set('x-cse-saved', iso);
    await cache.put(url, new Response(await copy.blob(), { headers }));
  }, [file, when.toISOString()]);
  return when;
}

/** Runs `use` in a fresh browser whose service workers are allowed (the
 *  harness blocks them), and closes it. */
async function withWorkers(use) {
  const context = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    await use(context);
  } finally {
    await context.close();
  }
}

/** Opens the demo's overview online and waits until the worker controls
 *  the page and keeps every file of the dataset. */
async function visit(context, url) {
  const { page, errors } = await open(context, `${url}?dataset=demo`);
  await page.getByTestId('current').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await until(page, (s) => DEMO_FILES.every((f) => s.kept.some((u) => u.endsWith(`/data/demo/${f}`))), 'the dataset kept');
  return { page, errors };
}

test('after one visit the explorer opens offline, with the copy kept on this device and its date', async () => {
  await withWorkers(async (context) => {
    const { page, errors } = await visit(context, server.url);
    const online = await page.getByTestId('current').textContent();
    assert.equal(await page.getByTestId('offline-notice').count(), 0, 'no notice online');

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('current').waitFor();
    assert.equal(await page.getByTestId('current').textContent(), online, 'the same headline offline');
    const words = (age, when = new Date()) => 'You are offline: these figures are the copy kept on this device, ' +
      `saved ${when.getDate()} ${when.toLocaleString('en-GB', { month: 'short' }).slice(0, 3)} ${when.getFullYear()} (${age}).`;
    assert.equal(await page.getByTestId('offline-notice').textContent(), words('today'));
    // Other pages and controls work on the kept copy.
    await page.getByTestId('nav-wards').click();
    await page.locator('figure.map svg').first().waitFor();
    assert.deepEqual(errors, [], 'no errors online or offline');

    // An older copy: its date and age (the oldest file's).
    for (const [days, age] of [[1, 'yesterday'], [3, '3 days ago']]) {
      const when = await saved(page, 'counts.csv', days);
      await page.goto(`${server.url}?dataset=demo`);
      await page.getByTestId('current').waitFor();
      assert.equal(await page.getByTestId('offline-notice').textContent(), words(age, when));
    }

    // Welsh words from the catalogue.
    await page.goto(`${server.url}?dataset=demo&lang=cy`);
    await page.getByTestId('current').waitFor();
    assert.match(await page.getByTestId('offline-notice').textContent(), /^Rydych chi all-lein: .* a gadwyd ar \d+ \S+ \d{4} \(3 o ddyddiau yn ôl\)\.$/);

    // axe-core (served online; the page stays as it was drawn offline).
    await context.setOffline(false);
    await page.addScriptTag({ url: '/__test/axe.min.js' });
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.help}`));
    assert.deepEqual(violations, []);
    await page.close();
  });
});

test('the Load data page opens offline and its worker loads a file', async () => {
  if (!existsSync(POLICE)) throw new Error(`REAL DATA MISSING: ${POLICE} (see ../shared/data/README.md)`);
  await withWorkers(async (context) => {
    const { page, errors } = await visit(context, server.url);
    await context.setOffline(true);
    // (The page keeps the dataset in its address; without one it would
    // also start the default dataset's download, which offline fails.)
    await page.goto(`${server.url}?dataset=demo&page=load`);
    await page.getByTestId('load-input').setInputFiles(join(POLICE, '2025-11-cleveland-street.csv'));
    await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
    await page.getByTestId('load-start').click();
    await page.getByTestId('local-notice').waitFor({ timeout: 60_000 });
    await page.getByTestId('current').waitFor();
    assert.equal(await page.getByTestId('offline-notice').count(), 0, 'the user\'s own files are not a kept copy');
    // The loading worker's reader (a worker of the worker, after its first
    // megabyte) starts offline too.
    const started = await page.evaluate(() => new Promise((ok) => {
      const reader = new Worker('reader.js');
      reader.onerror = () => ok(false);
      setTimeout(() => { reader.terminate(); ok(true); }, 1000);
    }));
    assert.ok(started, 'reader.js starts offline');
    assert.deepEqual(errors, []);
  });
});

test('an embedded view registers no service worker and stores nothing', async () => {
  await withWorkers(async (context) => {
    const asked = [];
    context.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const { page, errors } = await open(context, `${server.url}?dataset=demo&ward=${WARD}&embed=card`);
    await page.getByTestId('current').waitFor();
    await page.waitForLoadState('load');
    // Longer than a full page waits before registering its worker.
    await page.waitForTimeout(3000);
    const s = await storage(page);
    assert.deepEqual(s, { names: [], kept: [], workers: 0, idb: 0, local: 0, session: 0, cookie: '' });
    assert.deepEqual(await context.cookies(), []);
    assert.ok(!asked.some((p) => p.endsWith('/offline.js') || p.endsWith('/sw.js')), asked.join(', '));
    assert.deepEqual(errors, []);
  });
});

test('an embedded view on an origin whose worker runs is passed to the network, and nothing it fetches is kept; a full page\'s files are', async () => {
  await withWorkers(async (context) => {
    const { page } = await visit(context, server.url);
    const before = await storage(page);
    // Another dataset, which no full page of this origin has opened.
    const { page: embed, errors } = await open(context, `${server.url}?dataset=cleveland&embed=ranking`);
    await embed.locator('[data-testid=embed] table').first().waitFor();
    await embed.waitForLoadState('networkidle');
    const after = await storage(page);
    assert.deepEqual(after.kept, before.kept, 'the embed\'s files are not kept');
    assert.ok(!after.kept.some((u) => u.includes('/data/cleveland/')));
    assert.equal(await embed.evaluate(() => localStorage.length + sessionStorage.length), 0);
    assert.deepEqual(errors, []);
    // The same dataset's full page, which the worker controls from the
    // start, keeps its files as they pass.
    await page.goto(`${server.url}?dataset=cleveland`);
    await page.getByTestId('current').waitFor();
    await until(page, (s) => ['manifest.json', 'counts.csv', 'areas.csv'].every((f) => s.kept.some((u) => u.endsWith(`/data/cleveland/${f}`))), 'the full page\'s files kept');
  });
});

test('the build step stamps the worker with the app files and a version of them and of its code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cse-stamp-'));
  writeFileSync(join(dir, 'sw.js'), readFileSync(join(ROOT, 'public/sw.js')));
  for (const f of ['index.html', 'index.html.br', 'index.html.gz', 'embed.js']) writeFileSync(join(dir, f), 'one');
  mkdirSync(join(dir, 'data/demo'), { recursive: true });
  writeFileSync(join(dir, 'data/demo/counts.csv'), 'month');
  mkdirSync(join(dir, 'icons'));
  writeFileSync(join(dir, 'icons/icon-192.png'), 'png');
  const one = stamp(dir);
  assert.deepEqual(one.files, ['icons/icon-192.png', 'index.html']);
  assert.match(readFileSync(join(dir, 'sw.js'), 'utf8'), new RegExp(`^const BUILD = \\{"version":"${one.version}","files":\\["icons/icon-192.png","index.html"\\]\\};$`, 'm'));
  assert.equal(stamp(dir).version, one.version, 'stamping again changes nothing');
  writeFileSync(join(dir, 'data/demo/counts.csv'), 'month,area_code');
  assert.equal(stamp(dir).version, one.version, 'the data is not the build\'s');
  writeFileSync(join(dir, 'index.html'), 'two');
  const two = stamp(dir);
  assert.notEqual(two.version, one.version, 'an app file changed');
  writeFileSync(join(dir, 'sw.js'), `${readFileSync(join(dir, 'sw.js'), 'utf8')}// another worker\n`);
  assert.notEqual(stamp(dir).version, two.version, 'the worker changed');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  assert.throws(() => stamp(dir), /has no "const BUILD/);
});

test('a new build\'s worker replaces the old build\'s cache and keeps the data', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'cse-offline-'));
  cpSync(DIST, copy, { recursive: true, filter: (src) => !src.includes('/data/') || /\/data(\/demo(\/.*)?|\/index\.json)?$/.test(src) });
  // The build step's version is the hash of the worker and the app files.
  const first = stamp(copy);
  assert.equal(first.version, buildOf(DIST).version, 'dist/sw.js is stamped with this build');
  assert.ok(readFileSync(join(DIST, 'sw.js'), 'utf8').includes(`"version":"${first.version}"`));
  for (const f of ['index.html', 'sw.js', 'offline.js', 'loader.js', 'loader_bg.wasm', 'reader.js', 'manifest.webmanifest', 'icons/maskable-512.png']) {
    assert.equal(first.files.includes(f), f !== 'sw.js', f);
  }
  // trunk's hash is a number in hex, without leading zeros.
  assert.ok(first.files.some((f) => /^explorer-[0-9a-f]+_bg\.wasm$/.test(f)));
  assert.ok(!first.files.some((f) => /\.(br|gz)$/.test(f) || f.startsWith('data/') || f === 'embed.js'));
  assert.equal(stamp(copy).version, first.version, 'stamping again changes nothing');

  const other = await serveDist(copy);
  try {
    await withWorkers(async (context) => {
      const { page } = await visit(context, other.url);
      const old = (await storage(page)).names.find((n) => n.includes(` app ${first.version}`));
      assert.ok(old, 'the first build\'s cache');

      // A new deploy: one file changes, and the build step stamps sw.js.
      writeFileSync(join(copy, 'first-screen.js'), `${readFileSync(join(copy, 'first-screen.js'), 'utf8')}// deploy 2\n`);
      const second = stamp(copy);
      assert.notEqual(second.version, first.version);
      await page.reload();
      await page.getByTestId('current').waitFor();
      const s = await until(page, (x) => x.names.some((n) => n.endsWith(` app ${second.version}`)) && !x.names.includes(old), 'the new build\'s cache alone');
      assert.equal(s.names.filter((n) => n.includes(' app ')).length, 1);
      assert.ok(DEMO_FILES.every((f) => s.kept.some((u) => u.endsWith(`/data/demo/${f}`))), 'the data is kept across builds');
      const kept = await page.evaluate(async (name) => (await (await caches.open(name)).match('first-screen.js')).text(),
        s.names.find((n) => n.endsWith(` app ${second.version}`)));
      assert.ok(kept.endsWith('// deploy 2\n'), 'the new build\'s files');

      // Offline, the new build opens from its cache.
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('offline-notice').waitFor();
    });
  } finally {
    await other.close();
  }
});

test('the web app manifest and its icons make the explorer installable', async () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  for (const key of ['name', 'short_name', 'theme_color', 'background_color']) assert.ok(manifest[key], key);
  for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']]) {
    assert.ok(manifest.icons.some((i) => i.sizes === `${size}x${size}` && i.purpose === purpose), `${size} ${purpose}`);
  }
  for (const icon of manifest.icons) {
    const png = readPng(join(DIST, icon.src));
    assert.equal(`${png.size}x${png.size}`, icon.sizes, icon.src);
  }
  // The committed icons are what scripts/icons.mjs draws.
  for (const { file, size, maskable } of ICONS) {
    const kept = readPng(join(ROOT, 'public/icons', file));
    const drawn = pixels(size, maskable);
    assert.equal(kept.lines.length, size * (size * 4 + 1), file);
    for (let y = 0; y < size; y++) {
      assert.ok(kept.lines.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1)).equals(drawn.subarray(y * size * 4, (y + 1) * size * 4)), `${file} row ${y}`);
    }
  }
  // Chromium reads the manifest as the page links it, without errors…
  const context = await launchBrowser();
  try {
    const { page } = await open(context, `${server.url}?dataset=demo`);
    await page.getByTestId('current').waitFor();
    const cdp = await context.newCDPSession(page);
    const read = await cdp.send('Page.getAppManifest');
    assert.ok(read.url.endsWith('/manifest.webmanifest'), read.url);
    assert.deepEqual(read.errors, []);
    // …and finds nothing that stops its installation.
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
  } finally {
    await context.close();
  }
});
