// Embedding on a partner's page: a host page on another origin embeds each
// view with the builder's snippet and with embed.js; the iframe fits its
// content; figures match the full explorer; nothing is stored; the CSP is
// never violated; names are always text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serveDist, launchBrowser, open } from './harness.mjs';

let app;
let host;
let browser;
const hostPages = new Map();

before(async () => {
  app = await serveDist();
  // The partner's site: a different port is a different origin.
  host = createServer((req, res) => {
    const page = hostPages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  browser = await launchBrowser();
  // Record CSP violations in every frame of every page.
  await browser.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => host?.close(r));
});

const hostUrl = (path) => `http://127.0.0.1:${host.address().port}${path}`;
const hostPage = (path, body) => hostPages.set(path, `<!DOCTYPE html><html lang="en"><head><title>Partner site</title><link rel="icon" href="data:,"></head><body><h1>Our ward</h1>${body}<p id="after">After the widget.</p></body></html>`);

/** The builder's snippet for `kind` (and the ward, when given). */
async function builderSnippet(kind, ward) {
  const { page } = await open(browser, `${app.url}?dataset=demo&page=embed${ward ? `&ward=${ward}` : ''}`);
  await page.getByTestId('embed-kind').selectOption(kind);
  const code = await page.getByTestId('embed-code').inputValue();
  await page.close();
  return code;
}

/** Waits for the host's iframe to hold the embed and settle its height. */
async function embedded(page) {
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('embed').waitFor();
  const iframe = page.locator('iframe');
  await page.waitForFunction(() => {
    const f = document.querySelector('iframe');
    return f && parseFloat(f.style.height) > 0;
  });
  return { frame, iframe };
}

async function expectFits(page, frame, iframe) {
  // Settle: the height follows the content.
  await page.waitForTimeout(200);
  const outer = (await iframe.boundingBox()).height;
  const inner = (await frame.getByTestId('embed').boundingBox()).height;
  assert.ok(Math.abs(outer - inner) <= 2, `iframe ${outer}px tall for content ${inner}px`);
}

async function noStorageNoViolations(page) {
  assert.deepEqual(await page.context().cookies(), [], 'no cookies');
  for (const f of page.frames()) {
    const state = await f.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      csp: window.__csp ?? [],
    })).catch(() => null);
    if (!state) continue;
    assert.equal(state.local + state.session + state.idb, 0, `storage written in ${f.url()}`);
    assert.deepEqual(state.csp, [], `CSP violations in ${f.url()}`);
  }
}

for (const kind of ['card', 'trend', 'table', 'ranking', 'map']) {
  test(`the builder's snippet embeds the ${kind} on another origin, sized to fit`, async () => {
    const ward = kind === 'card' || kind === 'table' ? 'E05900020' : undefined;
    const code = await builderSnippet(kind, ward);
    assert.match(code, /<iframe data-cse-embed src="http:\/\/127\.0\.0\.1:\d+\/\?/);
    assert.match(code, /loading="lazy"/);
    assert.match(code, /sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
    assert.doesNotMatch(code, /height/);
    hostPage(`/${kind}.html`, code);
    const { page, errors } = await open(browser, hostUrl(`/${kind}.html`));
    const t0 = Date.now();
    const { frame, iframe } = await embedded(page);
    console.log(`# ${kind}: embedded and sized ${Date.now() - t0} ms after the host page loaded`);
    await expectFits(page, frame, iframe);
    await frame.getByTestId('embed-source').waitFor();
    assert.match(await frame.getByTestId('embed-full-link').getAttribute('href'), /^\?/);
    await noStorageNoViolations(page);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('embed.js turns a div into the iframe; the card matches the full explorer', async () => {
  const snippet = await builderSnippet('card', 'E05900010');
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const script = snippet.match(/<script[^>]*><\/script>/)[0];
  hostPage('/div.html', `<div data-cse-embed="${src}" data-cse-title="Juniper Hill figures"></div>${script}`);
  const { page } = await open(browser, hostUrl('/div.html'));
  const { frame, iframe } = await embedded(page);
  assert.equal(await iframe.getAttribute('title'), 'Juniper Hill figures');
  await expectFits(page, frame, iframe);
  const card = {};
  for (const id of ['current', 'previous', 'change', 'pct-change']) card[id] = await frame.getByTestId(id).textContent();
  const { page: full } = await open(browser, `${app.url}?dataset=demo&ward=E05900010`);
  await full.getByTestId('profile').waitFor();
  for (const id of Object.keys(card)) assert.equal(card[id], await full.getByTestId(id).first().textContent(), id);
  await full.close();
  await noStorageNoViolations(page);
  await page.close();
});

test("the builder's preview fits its content too", async () => {
  const { page } = await open(browser, `${app.url}?dataset=demo&page=embed&ward=E05900020`);
  const frame = page.frameLocator('[data-testid=embed-preview]');
  await frame.getByTestId('embed').waitFor();
  await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid=embed-preview]').style.height) > 0);
  await page.waitForTimeout(200);
  const outer = (await page.getByTestId('embed-preview').boundingBox()).height;
  const inner = (await frame.getByTestId('embed').boundingBox()).height;
  assert.ok(Math.abs(outer - inner) <= 4, `preview ${outer}px for content ${inner}px`);
  await page.close();
});

test('a hostile area name is shown as text, never run as markup', async () => {
  let dialogs = 0;
  for (const query of ['?dataset=xss&embed=card&ward=E05999991', '?dataset=xss&embed=ranking', '?dataset=xss&page=wards', '?dataset=xss&ward=E05999991']) {
    const { page } = await open(browser, app.url + query);
    page.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await page.locator('[data-testid=embed], [data-testid=ranking-table], [data-testid=profile]').first().waitFor();
    const body = await page.locator('body').textContent();
    assert.ok(body.includes('<img src=x onerror=alert(1)>') || query.includes('ward=') === false && body.includes('Plain Ward'), query);
    assert.equal(await page.locator('main img, main b, main script').count(), 0, `markup was created from data: ${query}`);
    await page.close();
  }
  assert.equal(dialogs, 0);
});

test('an embed loads little: the figures arrive and what they cost is printed', async () => {
  // Times and bytes on a phone are measured by scripts/bench-phone; here the
  // transfer is only printed, once every response's headers are in.
  const page = await browser.newPage();
  const sizes = [];
  page.on('response', (r) => sizes.push(r.allHeaders().then((h) => Number(h['content-length'] ?? 0))));
  const t0 = Date.now();
  await page.goto(`${app.url}?dataset=demo&embed=card&ward=E05900020`);
  await page.getByTestId('current').waitFor();
  const ms = Date.now() - t0;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`# embed card interactive ${ms} ms after navigation; ${(bytes / 1024).toFixed(0)} KB transferred`);
  assert.ok(bytes > 100 * 1024, 'the wasm was among the responses counted');
  await page.close();
});
