// The councillor's printed brief and the resident's phone, on the real
// Stockton dataset (scripts/build-stockton): what prints, what each page is
// called, where links lead, what a phone shows, and what loads first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { open, ROOT, useAppAndBrowser } from './harness.mjs';

const app = useAppAndBrowser();

// The dataset's first ward and its borough, read with a plain split.
const DATA = join(ROOT, 'dist/data/stockton');
const areas = readFileSync(join(DATA, 'areas.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
const borough = areas.find((a) => a[2] === '');
const ward = areas.find((a) => a[2] === borough[0]);
const [WARD, WARD_NAME, BOROUGH_NAME] = [ward[0], ward[1], borough[1]];
// A PDF's pages, text (lines joined, white space collapsed) and title.
async function pdfText(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const lines = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    lines.push(content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
  }
  const title = (await doc.getMetadata()).info.Title ?? '';
  return { pages: doc.numPages, text: lines.join('\n').replace(/[ \t]+/g, ' '), title };
}

const profileUrl = () => `${app.server.url}?dataset=stockton&ward=${WARD}`;

test('the printed profile: plain headings, the place, the date and the address; no controls', async () => {
  const { page, errors } = await open(app.browser, profileUrl(), { width: 1000, height: 900 });
  await page.getByTestId('profile').waitFor();
  assert.match(await page.title(), new RegExp(`^${WARD_NAME} — ward profile — `));
  // The ward's place in the borough: the map, this ward marked.
  const marked = page.locator('figure.map path.marked');
  await marked.waitFor();
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.getAttribute('data-code'), WARD);
  const named = page.locator('figure.map text.name.pointed tspan');
  assert.equal((await named.allTextContents()).join(' '), WARD_NAME, 'the ward is named on the map');
  assert.match(await page.locator('figure.map figcaption').innerText(), new RegExp(`, ${WARD_NAME} outlined$`));
  assert.ok((await page.getByTestId('map-detail').innerText()).startsWith(`${WARD_NAME}: `), "the ward's figures beside the map");
  assert.equal(await page.locator('figure.map path.area').count(), areas.filter((a) => a[2] === borough[0]).length, 'every ward of the borough');
  // When the data ends and when it was published (the manifest's date).
  const { published } = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
  assert.match(published ?? '', /^\d{4}-\d{2}-\d{2}$/, 'scripts/build-stockton dates the dataset');
  const [y, m, d] = published.split('-').map(Number);
  const monthName = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }).slice(0, 3);
  assert.match(await page.getByTestId('coverage').innerText(), new RegExp(`^Data from Jan 2023 to .*\\. Published ${d} ${monthName} ${y}\\.$`));
  // Words that read as English (issue 14's list).
  const words = await page.locator('main').innerText();
  assert.ok(!/\bDeprivation: Deprivation\b/.test(words), 'no "Deprivation: Deprivation"');
  assert.ok(!/[A-Za-z-]+'s\.(\s|$)/.test(words), `no "higher than Stockton-on-Tees's."`);
  assert.ok(!/was [+−]\d/.test(words), 'no "was +1 offence higher"');
  // The paper itself: the PDF Chromium prints, its text read back by pdf.js.
  const { pages, text, title } = await pdfText(await page.pdf({ format: 'A4', printBackground: false }));
  console.log(`# the Stockton ward profile prints on ${pages} A4 page(s)`);
  assert.ok(pages >= 1 && pages <= 2, `printed on ${pages} pages`);
  assert.match(title, new RegExp(`^${WARD_NAME} — ward profile — `), 'the PDF is titled with the ward');
  for (const heading of ['Category', 'Previous', 'Current', 'Change', '% change']) {
    assert.ok(text.includes(heading), `the table heading "${heading}" prints`);
  }
  assert.ok(text.includes(`${WARD_NAME}, ${BOROUGH_NAME}: ward profile, `), 'the title line names ward and borough');
  const now = new Date();
  const month = now.toLocaleString('en-GB', { month: 'short' }).slice(0, 3);
  assert.ok(text.includes(`Printed ${now.getDate()} ${month} ${now.getFullYear()} from `), 'the date printed');
  assert.ok(text.includes(`?dataset=stockton&ward=${WARD}`), 'the address to return to');
  assert.ok(text.includes(`Page 1 of ${pages}`), 'page numbers');
  for (const control of ['Load your own data', 'Dataset', 'Download', 'Find a ward']) {
    assert.ok(!text.includes(control), `"${control}" does not print`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('every page has its own title, and every link leads to the state it names', async () => {
  const titles = new Map();
  for (const q of ['', '&page=wards', `&ward=${WARD}`, '&page=deprivation', '&page=embed', '&page=load', '&page=guide']) {
    const { page } = await open(app.browser, `${app.server.url}?dataset=stockton${q}`);
    await page.locator('h1').first().waitFor();
    await page.waitForFunction(() => document.title !== 'Community Safety Explorer');
    titles.set(q, await page.title());
    await page.close();
  }
  assert.equal(new Set(titles.values()).size, titles.size, [...titles.values()].join(' | '));

  const { page } = await open(app.browser, profileUrl());
  await page.getByTestId('profile').waitFor();
  const href = await page.getByTestId('nav-overview').getAttribute('href');
  assert.ok(!href.includes('ward='), `the Overview link leads to the overview: ${href}`);
  const trail = page.getByTestId('trail');
  assert.equal(await trail.locator('a').innerText(), BOROUGH_NAME, 'the way back names the borough');
  assert.ok(!(await trail.locator('a').getAttribute('href')).includes('ward='), 'and leads to its overview');
  assert.equal(await trail.locator('[aria-current=page]').innerText(), WARD_NAME);
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('category-table').waitFor();
  await page.reload();
  await page.getByTestId('category-table').waitFor();
  assert.equal(await page.getByTestId('profile').count(), 0, 'a reload stays on the overview');
  assert.equal(await page.getByTestId('home').getAttribute('href'), '?dataset=stockton');
  await page.getByTestId('nav-load').click();
  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  await page.close();
});

test('at 375 px every table shows its verdict and movement cells without sideways scrolling', async () => {
  for (const q of ['', '&page=wards', `&ward=${WARD}`, '&page=deprivation']) {
    const { page } = await open(app.browser, `${app.server.url}?dataset=stockton${q}`, { width: 375, height: 800 });
    await page.locator('table tbody tr').first().waitFor();
    const outside = await page.evaluate(() => {
      const wide = [];
      for (const td of document.querySelectorAll('main table td')) {
        if (td.offsetParent === null) continue; // not shown (a closed <details>)
        const r = td.getBoundingClientRect();
        if (r.width > 0 && (r.left < 0 || r.right > window.innerWidth)) wide.push(`${td.dataset.label}: ${td.textContent}`);
      }
      return wide;
    });
    assert.deepEqual(outside, [], `cells off screen at 375 px on ?dataset=stockton${q}`);
    if (q === '') {
      const box = await page.getByTestId('current').boundingBox();
      assert.ok(box && box.y + box.height <= 800, `the headline figure is above the fold (at ${box?.y})`);
    }
    await page.close();
  }
});

test('the first screen paints before the wasm, whose download travels with the data', async () => {
  const page = await app.browser.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  const started = [];
  page.on('request', (r) => started.push(new URL(r.url()).pathname));
  // The wasm held back: what shows meanwhile is index.html's own screen.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${app.server.url}?dataset=stockton`);
  await page.getByText('Loading the figures for Stockton-on-Tees: crime and anti-social behaviour by ward…').waitFor();
  assert.ok(await page.locator('#first-screen .brand').isVisible(), 'the banner is painted');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/counts.csv')));
  assert.ok(started.some((p) => p.endsWith('/data/stockton/counts.csv')), 'the counts download started while the wasm was held');
  release();
  await page.getByTestId('current').waitFor();
  assert.ok(!(await page.locator('#first-screen').isVisible()), 'the app replaces the first screen');
  const counts = started.filter((p) => p.endsWith('/data/stockton/counts.csv')).length;
  assert.equal(counts, 1, 'the counts file is downloaded once');
  await page.close();
});

test('an embedded card downloads no boundaries; an embedded map does', async () => {
  for (const [kind, wantsMap] of [['card', false], ['map', true]]) {
    const page = await app.browser.newPage();
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${app.server.url}?dataset=stockton&ward=${WARD}&embed=${kind}`);
    await page.locator(kind === 'card' ? '[data-testid=current]' : 'figure.map svg').first().waitFor();
    await page.waitForLoadState('networkidle');
    const boundaries = asked.filter((p) => p.endsWith('.geojson'));
    assert.equal(boundaries.length > 0, wantsMap, `${kind}: ${asked.join(', ')}`);
    await page.close();
  }
});

test('the embed builder keeps its view when the area changes, and its address reproduces it', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=stockton&page=embed`);
  await page.getByTestId('embed-kind').waitFor();
  assert.equal(await page.locator('#embed-top').count(), 0, 'no ranking length for a card');
  await page.getByTestId('embed-kind').selectOption('ranking');
  await page.waitForURL(/show=ranking/);
  assert.equal(await page.locator('#embed-top').count(), 1, 'a ranking asks how many wards');
  await page.getByTestId('embed-area').selectOption(WARD);
  await page.waitForURL(new RegExp(`ward=${WARD}`));
  assert.equal(await page.getByTestId('embed-kind').inputValue(), 'ranking', 'the view stays a ranking');
  await page.reload();
  await page.getByTestId('embed-code').waitFor();
  assert.equal(await page.getByTestId('embed-kind').inputValue(), 'ranking');
  assert.equal(await page.getByTestId('embed-area').inputValue(), WARD);
  assert.match(await page.getByTestId('embed-code').inputValue(), new RegExp(`ward=${WARD}&amp;embed=ranking|ward=${WARD}&embed=ranking`));
  await page.close();
});

test('the verdicts link to "How to read these figures", which explains them for this dataset', async () => {
  const { page, errors } = await open(app.browser, profileUrl());
  await page.getByTestId('profile').waitFor();
  await page.getByTestId('guide-link').first().click();
  await page.getByTestId('guide').waitFor();
  assert.match(page.url(), /page=guide/);
  assert.ok(!page.url().includes('ward='), 'the guide is the dataset\'s, not the ward\'s');
  const text = await page.getByTestId('guide').innerText();
  for (const words of ['normal variation', 'statistically significant', '95% interval', '[c]', '[low]', '[x]', 'How to cite', 'Accessibility']) {
    assert.ok(text.includes(words), `the guide explains "${words}"`);
  }
  const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
  assert.ok(text.includes(`${manifest.title}. Data from `), 'the data and how far it runs');
  assert.ok(text.includes(`Community Safety Explorer, ${app.server.url}?dataset=stockton&page=guide`), 'the address to cite');
  assert.deepEqual(errors, []);
  await page.close();
});
