// Installable (issue 16): the web app manifest and its icons are what
// Chromium needs to install the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, open } from './harness.mjs';
import { ICONS, pixels, readPng } from '../../scripts/icons.mjs';

const DIST = join(ROOT, 'dist');
let server;

before(async () => {
  server = await serveDist();
});
after(async () => {
  await server?.close();
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
