// London from the Metropolitan Police's own wide ward table (issue 18):
// scripts/build-london (run by scripts/test before the bundle is built)
// turns ../shared/data/met and the ONS files into dist/data/london/ with
// `explorer-cli wide`. Here: the ward table given to the Load data page is
// recognised as a wide table and gives the CLI's counts file; under
// ?dataset=london the borough ranking by rate and a ward profile equal a
// count made in this test from the wide file; the crime type menu has no
// ASB line and no empty entry; the ward search finds any ward; the page
// says there is no map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { ROOT, serveDist, launchBrowser, open, screenshotPath, tableRows } from './harness.mjs';
import { DATA, LOOKUP, split, rankingRows } from './cleveland.mjs';

const WARDS = join(DATA, 'met/mps_ward_crime_2021-12_2023-11.csv');
const BUILT = join(ROOT, 'dist/data/london');
const CURRENT = ['2022-12', '2023-11'];
const PREVIOUS = ['2021-12', '2022-11'];
const PERIODS = `current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;
const SO18 = 'Aviation Security (SO18)';
const fmt = (n) => n.toLocaleString('en-GB');
let server;
let browser;

before(async () => {
  if (!existsSync(WARDS)) {
    throw new Error(`REAL DATA MISSING: ${WARDS} is needed for the London tests (see ../shared/data/README.md, section 3)`);
  }
  if (!existsSync(join(BUILT, 'manifest.json'))) {
    throw new Error('dist/data/london is missing: run scripts/build-london before trunk build (scripts/test does)');
  }
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The ward table counted here, row by row (quotes handled by `split`):
 *  current and previous totals by ward code (the aviation security
 *  command's rows under its name) and by borough name. */
function independentCount() {
  const lines = readFileSync(WARDS, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = split(lines[0]);
  const inPeriod = ([a, b], m) => m >= a && m <= b;
  const months = header.slice(5).map((h) => `${h.slice(0, 4)}-${h.slice(4)}`);
  const byWard = new Map();
  const byBorough = new Map();
  const names = new Map();
  const add = (map, key, which, n) => {
    const e = map.get(key) ?? { current: 0, previous: 0 };
    e[which] += n;
    map.set(key, e);
  };
  for (const line of lines.slice(1)) {
    const f = split(line);
    const ward = f[4] === SO18 ? SO18 : f[3];
    names.set(ward, f[4] === SO18 ? SO18 : f[2]);
    months.forEach((m, i) => {
      const n = Number(f[5 + i]);
      for (const [which, span] of [['current', CURRENT], ['previous', PREVIOUS]]) {
        if (inPeriod(span, m)) {
          add(byWard, ward, which, n);
          add(byBorough, f[4], which, n);
        }
      }
    });
  }
  return { byWard, byBorough, names };
}

/** The built areas file: code → { name, parent, population }. */
function areas() {
  const lines = readFileSync(join(BUILT, 'areas.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = split(lines[0]);
  const at = (name) => header.indexOf(name);
  return new Map(lines.slice(1).map((l) => {
    const f = split(l);
    return [f[at('area_code')], { name: f[at('area_name')], parent: f[at('parent_code')], population: Number(f[at('population')]) }];
  }));
}

test('the ward table on the Load data page is recognised and gives the CLI\'s counts', async () => {
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await page.getByTestId('load-input').setInputFiles([WARDS, LOOKUP]);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  const rows = await page.getByTestId('load-files').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const ward = rows.find((r) => r[0] === basename(WARDS));
  assert.match(ward[1], /^a wide table: one column per month \(24 months, 2021-12 to 2023-11\), areas by WardCode in LookUp_BoroughName, offences by MajorText and MinorText$/);
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 120_000 });
  await page.getByTestId('current').waitFor();
  assert.match(await page.getByTestId('local-notice').textContent(), /562,512 counted \+ 0 not allocated/);
  await page.getByTestId('local-report-link').click();
  await page.getByTestId('load-saves').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('load-saves').getByRole('button', { name: 'counts.csv' }).click(),
  ]);
  const saved = readFileSync(await download.path(), 'utf8');
  assert.ok(saved === readFileSync(join(BUILT, 'counts.csv'), 'utf8'), 'the page\'s counts.csv is the CLI\'s, byte for byte');
  assert.deepEqual(errors, []);
  await page.close();
});

test('?dataset=london: the borough ranking by rate equals a count of the wide file', async () => {
  const { byBorough } = independentCount();
  const known = areas();
  const codeOf = new Map([...known].map(([code, a]) => [a.name, code]));
  const { page, errors } = await open(browser, `${server.url}?dataset=london&page=wards&level=district&by=rate&${PERIODS}`);
  await page.getByTestId('ranking-table').waitFor();
  const rows = await rankingRows(page);
  assert.equal(rows.length, 32, 'the 32 boroughs (the aviation security command is none)');
  const header = await page.getByTestId('ranking-table').locator('thead th').allTextContents();
  const col = (re) => header.findIndex((h) => re.test(h));
  const [name, count, rate] = [col(/^Borough$/), col(/^Count$/), col(/^Rate per 1,000$/)];
  // London's local authorities are its boroughs, and are called so.
  assert.equal(await page.locator('main h2').first().textContent(), 'Boroughs ranked by rate per 1,000 residents');
  const rates = [];
  for (const row of rows) {
    const b = byBorough.get(row[name]);
    assert.ok(b, `unexpected borough ${row[name]}`);
    assert.equal(row[count], fmt(b.current), `${row[name]} count`);
    const r = (b.current / known.get(codeOf.get(row[name])).population) * 1000;
    assert.equal(row[rate].split(' ')[0], r.toFixed(1), `${row[name]} rate`);
    rates.push(r);
  }
  assert.deepEqual(rates, [...rates].sort((a, b) => b - a), 'ranked by rate, highest first');
  assert.match(await page.locator('main').textContent(), /no map|no boundaries/i);
  await page.screenshot({ path: screenshotPath('london-ranking-1280.png'), fullPage: false });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: screenshotPath('london-ranking-375.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('?dataset=london: a ward profile equals a count of the wide file; the menu has no ASB and no empty entry', async () => {
  const { byWard } = independentCount();
  const known = areas();
  const names = new Map([...known].map(([c, a]) => [c, a.name])); // the ONS lookup's names
  const code = 'E05009317'; // Bethnal Green East, Tower Hamlets
  const { page, errors } = await open(browser, `${server.url}?dataset=london&ward=${code}&${PERIODS}`);
  await page.getByTestId('profile').waitFor();
  assert.match(await page.getByTestId('profile-name').textContent(), new RegExp(`${names.get(code)} \\(${code}\\)`));
  assert.equal(await page.getByTestId('current').textContent(), fmt(byWard.get(code).current));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(byWard.get(code).previous));
  const select = page.getByTestId('selection-select');
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.ok(!options.some(([v]) => v === 'asb'), 'no ASB line');
  assert.ok(options.every(([v, t]) => v !== '' && t !== ''), 'no empty entry');
  assert.equal(options.length, 1 + 11 + 56, 'all crime, the 11 groups of several classes, the 56 classes');
  const groups = await select.locator('optgroup').evaluateAll((gs) => gs.map((g) => [g.label, g.children.length]));
  assert.equal(groups[0][0], 'Groups');
  assert.equal(groups.length, 1 + 12, 'the groups, then each group\'s classes under its name');
  assert.ok(groups.every(([, n]) => n > 0));
  await page.screenshot({ path: screenshotPath('london-profile-1280.png'), fullPage: false });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: screenshotPath('london-profile-375.png'), fullPage: false });
  // The ward search finds any ward, and the aviation security command.
  for (const [want, name] of [['E05013570', names.get('E05013570')], [SO18, SO18], ['E05013735', names.get('E05013735')]]) {
    await page.getByTestId('ward-search').fill(name);
    await page.getByTestId('ward-search').press('Enter');
    await page.waitForURL((u) => new URL(u).searchParams.get('ward') === want);
    assert.match(await page.getByTestId('profile-name').textContent(), new RegExp(name.replace(/[()]/g, '\\$&')));
    assert.equal(await page.getByTestId('current').textContent(), fmt(byWard.get(want).current));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('?dataset=london: the ranking of 680 wards offers each borough to rank within', async () => {
  const { byWard } = independentCount();
  const known = areas();
  const { page, errors } = await open(browser, `${server.url}?dataset=london&page=wards&${PERIODS}`);
  await page.getByTestId('ranking-table').waitFor();
  assert.equal((await rankingRows(page)).length, 100, 'the first 100 of 680 rows');
  const links = page.getByTestId('rank-within').locator('a');
  assert.equal(await links.count(), 32);
  await page.getByTestId('rank-within').getByRole('link', { name: 'Tower Hamlets', exact: true }).click();
  await page.waitForURL(/area=E09000030/);
  await page.getByTestId('ranking-table').waitFor();
  const rows = await rankingRows(page);
  const wards = [...known].filter(([, a]) => a.parent === 'E09000030');
  assert.equal(rows.length, wards.length, 'Tower Hamlets\' wards only');
  const byName = new Map(wards.map(([code, a]) => [a.name, code]));
  for (const row of rows) {
    assert.equal(row[2], fmt(byWard.get(byName.get(row[1])).current), row[1]);
  }
  assert.equal(await page.getByTestId('rank-within').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('?dataset=london: the overview lists the 12 offence groups first (a groups total counted from the file), its 56 classes on asking', async () => {
  const lines = readFileSync(WARDS, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = split(lines[0]);
  const months = header.slice(5).map((h) => `${h.slice(0, 4)}-${h.slice(4)}`);
  const byGroup = new Map();
  const classes = new Set();
  for (const line of lines.slice(1)) {
    const f = split(line);
    classes.add(f[1].toLowerCase());
    const n = months.reduce((sum, m, i) => sum + (m >= CURRENT[0] && m <= CURRENT[1] ? Number(f[5 + i]) : 0), 0);
    byGroup.set(f[0].toLowerCase(), (byGroup.get(f[0].toLowerCase()) ?? 0) + n);
  }
  const { page, errors } = await open(browser, `${server.url}?dataset=london&${PERIODS}`);
  const table = page.getByTestId('category-table');
  await table.waitFor();
  const rows = () => tableRows(page, 'category-table');
  const groups = await rows();
  assert.equal(groups.length, byGroup.size);
  for (const [name, , current] of groups) {
    assert.equal(current, fmt(byGroup.get(name.toLowerCase())), name);
  }
  assert.equal(await page.getByTestId('rows-toggle').textContent(), 'Show crime types');
  await page.getByTestId('rows-toggle').click();
  await page.waitForURL(/rows=category/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="category-table"] tbody tr').length > 12);
  const listed = (await rows()).map((r) => r[0].toLowerCase());
  assert.deepEqual(new Set(listed), classes);
  assert.deepEqual(errors, []);
  await page.close();
});
