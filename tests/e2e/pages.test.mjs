// Every page from its URL, with its figures checked against independent
// computations; controls update the URL and the figures; shared links and
// back/forward reproduce views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, screenshotPath, tableRows, useAppAndBrowser } from './harness.mjs';
import {
  rolling, fytd, total, allCrime, category, fmt, signed, signedPct, wards, wardCounts, ranks,
} from './expected.mjs';

const app = useAppAndBrowser();

const text = async (page, id) => (await page.getByTestId(id).first().textContent()).trim();

async function expectHeadline(page, keep, pair, ward = null) {
  const cur = total(pair.current, keep, ward);
  const prev = total(pair.previous, keep, ward);
  assert.equal(await text(page, 'current'), fmt(cur));
  assert.equal(await text(page, 'previous'), fmt(prev));
  assert.equal(await text(page, 'change'), signed(cur - prev));
  assert.equal(await text(page, 'pct-change'), signedPct(((cur - prev) / prev) * 100));
}

test('overview: category table rows equal independent counts, and add up to the total', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('category-table').waitFor();
  await expectHeadline(page, allCrime, rolling);
  const body = await tableRows(page, 'category-table');
  assert.equal(body.length, 13, 'the 13 crime types');
  for (const [name, previous, current] of body) {
    assert.equal(current, fmt(total(rolling.current, category(name))), `${name} current`);
    assert.equal(previous, fmt(total(rolling.previous, category(name))), `${name} previous`);
  }
  const foot = await tableRows(page, 'category-table', 'tfoot');
  assert.equal(foot[0][0], 'All crime (excluding ASB)');
  assert.equal(foot[0][2], fmt(total(rolling.current, allCrime)));
  assert.equal(foot[1][0], 'Anti-social behaviour');
  assert.match((await page.getByTestId('findings').textContent()), /All crime \(excluding ASB\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('overview: changing the selection and the period updates the URL and the figures', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('current').waitFor();
  // Time one re-render: the change event, then one task turn for effects.
  const ms = await page.evaluate(async () => {
    const select = document.querySelector('[data-testid=selection-select]');
    const t0 = performance.now();
    select.value = 'Burglary';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  });
  console.log(`# re-render after changing the selection: ${ms.toFixed(1)} ms (goal <= 50 ms)`);
  assert.match(page.url(), /select=Burglary/);
  await expectHeadline(page, category('Burglary'), rolling);
  await page.getByTestId('period-select').selectOption('fytd');
  assert.match(page.url(), /period=fytd/);
  await expectHeadline(page, category('Burglary'), fytd);
  // Back restores the previous view, forward the later one.
  await page.goBack();
  await expectHeadline(page, category('Burglary'), rolling);
  await page.goForward();
  await expectHeadline(page, category('Burglary'), fytd);
  // The address reproduces the view in a new tab.
  const { page: copy } = await open(app.browser, page.url());
  await copy.getByTestId('current').waitFor();
  await expectHeadline(copy, category('Burglary'), fytd);
  assert.equal(await copy.getByTestId('selection-select').inputValue(), 'Burglary');
  await copy.close();
  await page.close();
});

test('overview: the groups toggle is part of the URL', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('rows-toggle').click();
  assert.match(page.url(), /rows=group/);
  const body = await tableRows(page, 'category-table');
  const names = body.map((r) => r[0]);
  assert.ok(names.includes('Acquisitive crime'), names.join(', '));
  const acquisitive = ['Bicycle theft', 'Burglary', 'Other theft', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime'];
  const row = body.find((r) => r[0] === 'Acquisitive crime');
  assert.equal(row[2], fmt(total(rolling.current, (r) => acquisitive.includes(r.category))));
  await page.close();
});

test('wards: ranking, previous ranks and movement equal an independent ranking', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo&page=wards`);
  await page.getByTestId('ranking-table').waitFor();
  const cur = wardCounts(rolling.current, allCrime);
  const prev = wardCounts(rolling.previous, allCrime);
  const rankNow = ranks(cur);
  const rankBefore = ranks(prev);
  const byName = new Map([...wards].map(([code, w]) => [w.name, code]));
  const body = await tableRows(page, 'ranking-table');
  assert.equal(body.length, wards.size);
  for (const [rank, name, count, rate, , , previousRank, movement] of body) {
    const code = byName.get(name);
    assert.ok(code, `unknown ward ${name}`);
    assert.equal(count, fmt(cur.get(code)), `${name} count`);
    assert.equal(Number(rank), rankNow.get(code), `${name} rank`);
    assert.equal(Number(previousRank), rankBefore.get(code), `${name} previous rank`);
    const move = rankBefore.get(code) - rankNow.get(code);
    const places = (n) => (n === 1 ? '1 place' : `${n} places`);
    assert.equal(movement, move > 0 ? `up ${places(move)}, towards the most` : move < 0 ? `down ${places(-move)}, towards the least` : 'no change');
    assert.equal(rate, ((cur.get(code) / wards.get(code).population) * 1000).toFixed(1), `${name} rate`);
  }
  // The map: one area per ward, details on focus, click-through to the profile.
  const paths = page.getByTestId('ward-map').locator('path.area');
  assert.equal(await paths.count(), wards.size);
  await paths.first().focus();
  assert.match(await text(page, 'map-detail'), /offences/);
  const code = await paths.first().getAttribute('data-code');
  await paths.first().press('Enter');
  assert.match(page.url(), new RegExp(`ward=${code}`));
  await page.getByTestId('profile-name').waitFor();
  assert.match(await text(page, 'profile-name'), new RegExp(code));
  assert.deepEqual(errors, []);
  await page.close();
});

test('wards: ranking by rate follows the independent rates', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&page=wards&by=rate`);
  await page.getByTestId('ranking-table').waitFor();
  const cur = wardCounts(rolling.current, allCrime);
  const rates = new Map([...cur].map(([c, n]) => [c, n / wards.get(c).population]));
  const expected = ranks(rates);
  const body = await tableRows(page, 'ranking-table');
  const byName = new Map([...wards].map(([code, w]) => [w.name, code]));
  for (const [rank, name] of body) assert.equal(Number(rank), expected.get(byName.get(name)), name);
  await page.close();
});

test('ward profile: a councillor link shows the ward, its rank and its figures', async () => {
  const code = 'E05900020'; // Town Centre
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo&ward=${code}`);
  await page.getByTestId('profile').waitFor();
  assert.equal(await text(page, 'profile-name'), `Town Centre (${code})`);
  await expectHeadline(page, allCrime, rolling, code);
  const cur = wardCounts(rolling.current, allCrime);
  const rank = ranks(cur).get(code);
  const ordinal = (n) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
  assert.match(await text(page, 'profile-ranks'), new RegExp(`^${ordinal(rank)} of ${wards.size} wards`));
  const rate = (cur.get(code) / wards.get(code).population) * 1000;
  assert.match(await text(page, 'profile-rate'), new RegExp(`^Rate: ${rate.toFixed(1)} per 1,000`));
  // The ward search finds a ward by name.
  await page.getByTestId('ward-search').fill('Juniper Hill');
  await page.getByTestId('ward-search').press('Enter');
  await page.waitForURL(/ward=E05900010/);
  assert.match(await text(page, 'profile-name'), /Juniper Hill/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('ward profile prints as a brief of at most two pages, without controls', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&ward=E05900020`, { width: 1000, height: 900 });
  await page.getByTestId('profile').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.controls').evaluate((e) => getComputedStyle(e).display), 'none');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(`# ward profile prints on ${pages} A4 page(s)`);
  assert.ok(pages >= 1 && pages <= 2, `printed on ${pages} pages`);
  await page.close();
});

test('deprivation: the correlation is stated in words with its figures', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&page=deprivation`);
  await page.getByTestId('deprivation-table').waitFor();
  assert.match(await text(page, 'deprivation-summary'), /Spearman's ρ = /);
  assert.ok((await tableRows(page, 'deprivation-table')).length >= 2);
  await page.close();
});

test('screenshots of every page at phone and desktop widths', async () => {
  for (const [name, query] of [['overview', '?dataset=demo'], ['wards', '?dataset=demo&page=wards'], ['profile', '?dataset=demo&ward=E05900020'], ['deprivation', '?dataset=demo&page=deprivation']]) {
    for (const width of [375, 1280]) {
      const { page } = await open(app.browser, app.server.url + query, { width, height: 900 });
      await page.getByTestId('provenance').waitFor();
      await page.waitForTimeout(150);
      await page.screenshot({ path: screenshotPath(`${name}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} is ${overflow}px wider than a ${width}px screen`);
      await page.close();
    }
  }
});

test('downloads: a table as CSV exactly as shown, a chart and the map as PNG', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&page=wards`);
  await page.getByTestId('ranking-table').waitFor();
  const table = page.getByTestId('ranking-table');
  // Sort by count, smallest first, then download: the CSV follows the sort.
  await table.locator('thead button').nth(2).click();
  await table.locator('thead button').nth(2).click();
  const shown = await tableRows(page, 'ranking-table');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ranking-table-csv').click()]);
  assert.match(csvDownload.suggestedFilename(), /\.csv$/);
  const csv = readFileSync(await csvDownload.path(), 'utf8').trim().split('\r\n');
  const unquote = (line) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
    .filter((f, i, all) => i < all.length - 1 || f !== '')
    .map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"'));
  assert.deepEqual(unquote(csv[0]).slice(0, 3), ['Rank', 'Ward', 'Count']);
  assert.deepEqual(csv.slice(1).map((l) => unquote(l)), shown, 'CSV rows = table rows, in the shown order');
  for (const button of ['Download this map (PNG)']) {
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const bytes = readFileSync(await png.path());
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG', `${button} gives a PNG`);
  }
  await page.close();
  const { page: overview } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await overview.getByTestId('trend-chart').waitFor();
  const [chartPng] = await Promise.all([overview.waitForEvent('download'), overview.getByRole('button', { name: 'Download this chart (PNG)' }).click()]);
  assert.equal(readFileSync(await chartPng.path()).subarray(1, 4).toString(), 'PNG');
  await overview.close();
});

test('a copy or a PNG that fails is said, never silent; one that works says so', async () => {
  const said = async (page, locator) => {
    await locator.filter({ hasText: /./ }).waitFor();
    return (await locator.textContent()).trim();
  };
  // A browser that allows the copy: the snippet is on the clipboard.
  await app.browser.grantPermissions(['clipboard-read', 'clipboard-write']);
  let { page } = await open(app.browser, `${app.server.url}?dataset=demo&page=embed`);
  await page.getByTestId('embed-copy').click();
  assert.equal(await said(page, page.getByTestId('embed-copy-status')), 'Copied to the clipboard.');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, await page.getByTestId('embed-code').inputValue());
  await page.close();
  // A browser that refuses the copy and cannot read the map's picture.
  page = await app.browser.newPage();
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    HTMLImageElement.prototype.decode = () => Promise.reject(new DOMException('broken', 'EncodingError'));
  });
  await page.goto(`${app.server.url}?dataset=demo&page=embed`);
  await page.getByTestId('embed-copy').click();
  assert.match(
    await said(page, page.getByTestId('embed-copy-status')),
    /^The browser did not let this page copy the snippet: select the code above and copy it \(Ctrl\+C, or ⌘C on a Mac\)\.$/,
  );
  await page.goto(`${app.server.url}?dataset=demo&page=wards`);
  await page.getByRole('button', { name: 'Download this map (PNG)' }).click();
  assert.equal(
    await said(page, page.getByTestId('ward-map').getByRole('alert')),
    "The map could not be saved as a picture: the browser could not read the map's picture.",
  );
  await page.close();
});

test('the dataset control lists the deployed datasets and opens one', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo`);
  const select = page.getByTestId('dataset-select');
  await select.waitFor();
  const names = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(names.includes('demo') && names.includes('stockton'), names.join(', '));
  await select.selectOption('stockton');
  await page.waitForURL(/dataset=stockton/);
  await page.getByTestId('dataset-title').waitFor();
  assert.match(await page.getByTestId('dataset-title').textContent(), /Stockton-on-Tees/);
  await page.close();
});
