// Self-service loading (issue 6) end to end: the real police.uk files in
// ../shared/data go through the Load data page's file input, with the two
// ONS lookups; the loading worker reads them; the pages then show the
// user's data. Figures are checked against an independent count of the raw
// files and against explorer-cli prepare's output (dist/data/stockton,
// built by scripts/build-stockton); a zip of the same files gives the same
// counts; bad files are named; a large file shows progress and can be
// cancelled while the page keeps answering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { ROOT, serveDist, launchBrowser, open, tableRows } from './harness.mjs';
import {
  DATA, BRIDGE, LOOKUP, STOCKTON, POLICE, streetFiles, independentCount, ranks, rankingRows, table,
} from './cleveland.mjs';

const CURRENT = ['2024-10', '2025-09'];
const PREVIOUS = ['2023-10', '2024-09'];
const PERIODS = `current=${CURRENT.join('..')}&previous=${PREVIOUS.join('..')}`;
const PREPARED = join(ROOT, 'dist/data/stockton/counts.csv');
const fmt = (n) => n.toLocaleString('en-GB');
let server;
let browser;
let tmp;

before(async () => {
  if (!existsSync(POLICE)) {
    throw new Error(`REAL DATA MISSING: ${DATA} is needed for the loading tests (see ../shared/data/README.md)`);
  }
  if (!existsSync(PREPARED)) {
    throw new Error('dist/data/stockton is missing: run scripts/build-stockton before trunk build (scripts/test does)');
  }
  tmp = mkdtempSync(join(tmpdir(), 'cse-load-'));
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Gives `files` to the Load data page and waits until they are recognised. */
async function choose(page, files) {
  await page.getByTestId('load-input').setInputFiles(files);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
}

/** The files table as rows of cell texts. */
const fileRows = (page) => tableRows(page, 'load-files');

/** Loads Stockton by ward and returns the milliseconds from the click to
 *  the overview. */
async function loadStockton(page) {
  await page.getByTestId('load-level').selectOption('ward');
  // The authority is found by typing the start of its name, any case.
  await page.getByTestId('load-within').fill('stockton-on');
  await page.getByTestId('load-within').press('Tab');
  assert.equal(await page.getByTestId('load-within-chosen').textContent(), 'Counting within Stockton-on-Tees.');
  const t0 = Date.now();
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 120_000 });
  await page.getByTestId('current').waitFor();
  return Date.now() - t0;
}

/** Saves the loaded counts file from the load report and returns it. */
async function savedCounts(page) {
  await page.getByTestId('local-report-link').click();
  await page.getByTestId('load-saves').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('load-saves').getByRole('button', { name: 'counts.csv' }).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

test('real police.uk files and the ONS lookups: the figures equal an independent count and explorer-cli prepare', async () => {
  const expected = independentCount(CURRENT, PREVIOUS);
  const { page, errors } = await open(browser, `${server.url}?page=load&${PERIODS}`);
  const files = streetFiles();
  await choose(page, [...files, BRIDGE, LOOKUP]);
  const rows = await fileRows(page);
  assert.equal(rows.length, files.length + 2);
  for (const f of files) {
    const row = rows.find((r) => r[0] === basename(f));
    assert.match(row[1], /^police\.uk street-level crimes, \d{4}-\d{2} \(Cleveland Police\)$/, basename(f));
  }
  assert.match(rows.find((r) => r[0] === basename(LOOKUP))[1], /ONS area lookup: LSOA → ward → local authority/);
  assert.match(rows.find((r) => r[0] === basename(BRIDGE))[1], /bridging LSOA codes/);
  // The authorities the files' rows fall in are offered first, most rows
  // first: Cleveland's four lead, out of every authority in the lookup
  // (a few rows over the border follow).
  const offered = await page.getByTestId('load-within-offered').locator('button').allTextContents();
  assert.deepEqual(offered.slice(0, 4).sort(), ['Hartlepool', 'Middlesbrough', 'Redcar and Cleveland', 'Stockton-on-Tees'], offered.join(', '));
  const ms = await loadStockton(page);
  console.log(`# ${files.length} Cleveland files + 2 lookups: click to overview in ${ms} ms`);

  const current = [...expected.counts.values()].reduce((a, c) => a + c.current, 0);
  const previous = [...expected.counts.values()].reduce((a, c) => a + c.previous, 0);
  assert.equal(await page.getByTestId('current').textContent(), fmt(current));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(previous));
  const notice = await page.getByTestId('local-notice').textContent();
  assert.match(notice, /nothing was uploaded/);
  assert.match(notice, /cannot carry your files/);
  // The header's dataset menu says whose figures these are.
  const menu = page.getByTestId('dataset-select');
  await menu.waitFor();
  assert.equal(await menu.locator('option:checked').textContent(), 'Your own files (on this page only)');
  assert.match(notice, new RegExp(`^.*${fmt(expected.inStockton)} counted \\+ ${fmt(expected.noLsoa)} not allocated \\+ [\\d,]+ outside Stockton-on-Tees \\+ 0 with an unknown code \\+ 0 rejected = ${fmt(expected.read)} rows read: every row is accounted for`));

  // Moving within the app keeps the loaded data: the ward ranking.
  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  const ranking = await rankingRows(page);
  const now = ranks(new Map([...expected.counts].map(([w, c]) => [w, c.current])));
  const byName = new Map([...expected.names].map(([code, name]) => [name, code]));
  assert.equal(ranking.length, expected.names.size);
  for (const [rank, name, count] of ranking) {
    const code = byName.get(name);
    assert.ok(code, `unexpected ward ${name}`);
    assert.equal(count, fmt(expected.counts.get(code).current), `${name} count`);
    assert.equal(Number(rank), now.get(code), `${name} rank`);
  }
  assert.equal(await page.getByTestId('local-notice').count(), 1, 'the notice stays on every page');

  // The report: every row accounted for, against the independent count.
  const counts = await savedCounts(page);
  const report = await page.getByTestId('load-rows').locator('tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))));
  assert.equal(report['Rows read'], fmt(expected.read));
  assert.equal(report['Counted in an area (Ward)'], fmt(expected.inStockton));
  assert.match(await page.getByTestId('load-months').textContent(), /^35 months of data, Jan 2023 to Nov 2025\.$/);
  // The same counts file as explorer-cli prepare with the same lookups.
  assert.equal(counts, readFileSync(PREPARED, 'utf8'), 'counts.csv equals explorer-cli prepare output');
  // Back on the Load data page, the files are listed once, as read.
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('load-files').count(), 0, 'no second table of the same files');
  assert.equal(await page.getByTestId('load-report-files').count(), 1);
  assert.ok(!(await page.locator('main').innerText()).includes('Ready to read'), 'no stale status');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a zip archive of the same files (monthly folders, as police.uk delivers them) gives the same counts', async () => {
  const zip = join(tmp, 'cleveland-download.zip');
  const entries = streetFiles().map((f) => [f, `${basename(f).slice(0, 7)}/${basename(f)}`]);
  execFileSync('python3', ['-c', `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for src, name in json.loads(sys.argv[2]):
        z.write(src, name)
`, zip, JSON.stringify(entries)]);
  const { page, errors } = await open(browser, `${server.url}?page=load&${PERIODS}`);
  await choose(page, [zip, BRIDGE, LOOKUP]);
  const rows = await fileRows(page);
  assert.equal(rows.length, entries.length + 3, 'the archive and each of its entries');
  // Each entry is listed at the bytes read: its unpacked size, not the
  // compressed one; the headline's size is their sum.
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  for (const [src, name] of entries) {
    assert.equal(rows.find((r) => r[0] === `cleveland-download.zip/${name}`)[2], mb(statSync(src).size), name);
  }
  await loadStockton(page);
  assert.equal(await savedCounts(page), readFileSync(PREPARED, 'utf8'));
  const total = entries.reduce((n, [src]) => n + statSync(src).size, 0);
  assert.match(await page.getByTestId('load-headline').textContent(), new RegExp(` \\(${mb(total)}\\) from 35 files `));
  assert.deepEqual(errors, []);
  await page.close();
});

test('counted by district with no area chosen, the ranking lists only the authorities the files reach, none of the lookup\'s others at 0', async () => {
  // Independently: the authorities (2025) of the rows of three months,
  // through the 2021 lookup and the 2011 bridge.
  const files = streetFiles().filter((f) => /2025-0[789]/.test(f));
  const lk = table(LOOKUP);
  const ladOf = new Map(lk.rows.map((r) => [r[lk.col('LSOA21CD')], r[lk.col('LAD25NM')]]));
  const br = table(BRIDGE);
  const bridge = new Map(br.rows.map((r) => [r[br.col('LSOA11CD')], r[br.col('LSOA21CD')]]));
  const reached = new Set();
  for (const f of files) {
    const t = table(f);
    for (const r of t.rows) {
      const code = r[t.col('LSOA code')];
      const lad = ladOf.get(code) ?? ladOf.get(bridge.get(code));
      if (lad) reached.add(lad);
    }
  }
  assert.ok(reached.size >= 4 && reached.size < 20, `${reached.size} authorities`);
  const { page, errors } = await open(browser, `${server.url}?page=load&current=2025-09..2025-09&previous=2025-08..2025-08`);
  await choose(page, [...files, BRIDGE, LOOKUP]);
  await page.getByTestId('load-level').selectOption('district');
  await page.getByTestId('load-start').click();
  await page.getByTestId('current').waitFor({ timeout: 120_000 });
  await page.getByTestId('nav-wards').click();
  await page.getByTestId('ranking-table').waitFor();
  const names = (await rankingRows(page)).map((r) => r[1]);
  assert.deepEqual(names.slice().sort(), [...reached].sort());
  assert.deepEqual(errors, []);
  await page.close();
});

test('each bad file is named with a clear message and the good files still load', async () => {
  const good = join(POLICE, '2025-11-cleveland-street.csv');
  const text = readFileSync(good, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const write = (name, bytes) => { const p = join(tmp, name); writeFileSync(p, bytes); return p; };
  // A police.uk file with one row whose month is impossible (line 4).
  // Another force's, so that it is not taken for a second copy of the
  // good file (same month and force).
  const broken = [lines[0], ...lines.slice(1, 3), lines[3].replace('2025-11', '2025-13')]
    .map((l, i) => (i === 0 ? l : l.replaceAll('Cleveland Police', 'Test Police'))).join('\n') + '\n';
  const zipped = join(tmp, 'whole.zip');
  execFileSync('python3', ['-c', `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[2], '2025-11/2025-11-cleveland-street.csv')
`, zipped, good]);
  const whole = readFileSync(zipped);
  const bad = [
    [write('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /photo\.png: .*an image \(PNG\)/],
    [write('wrong-header.csv', 'date,place,what\n2025-11,x,y\n'), /wrong-header\.csv: .*none of the columns/],
    [write('cut.zip', whole.subarray(0, Math.floor(whole.length / 2))), /cut\.zip: .*cut short/],
    [write('empty.csv', ''), /empty\.csv: .*empty/],
    // Text the explorer cannot read: UTF-16 (with its byte-order mark) and
    // bytes that are no text in any encoding (a Windows-1252 file is read:
    // see the next test).
    [write('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Month,LSOA code,Crime type\n', 'utf16le')])), /utf16\.csv: .*UTF-16 text/],
    [write('data.bin', Buffer.from([0x03, 0xf3, 0x1b, 0x9c, 0x2c, 0xe1, 0x07, 0x78, 0x0a])), /data\.bin: .*binary file/],
  ];
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  const october = join(POLICE, '2025-10-cleveland-street.csv');
  await choose(page, [...bad.map(([p]) => p), october, good, write('2025-11-broken-street.csv', broken)]);
  const rows = await fileRows(page);
  for (const [p, message] of bad) {
    const row = rows.find((r) => r[0] === basename(p));
    assert.ok(row, `${basename(p)} is listed`);
    assert.match(row[4], /^Could not be used\. /, basename(p));
    assert.match(row[4], message, `${basename(p)}: ${row[4]}`);
  }
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 60_000 });
  // Two months (LSOA level, no lookup): too short for the default
  // 12 months, so the overview opens on November against October:
  // every crime of the good November file plus the two good rows of the
  // broken one, against October's.
  const crimes = (rows) => rows.filter((r) => r[9] !== 'Anti-social behaviour').length;
  const t = table(good);
  const extra = lines.slice(1, 3).map((l) => l.split(',')).filter((r) => r[9] !== 'Anti-social behaviour').length;
  assert.equal(await page.getByTestId('current').textContent(), fmt(crimes(t.rows) + extra));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(crimes(table(october).rows)));
  // Its areas are LSOAs: the menu and the name search say areas, not wards.
  assert.equal(await page.getByTestId('nav-wards').textContent(), 'Areas');
  assert.equal(await page.locator('label[for="ward-search"]').textContent(), 'Find an area');
  assert.equal(await page.getByTestId('ward-search').getAttribute('placeholder'), 'Type an area name');
  await page.getByTestId('local-report-link').click();
  const rejected = await page.getByTestId('load-rejected').locator('li').allTextContents();
  assert.equal(rejected.length, 1);
  assert.match(rejected[0], /^2025-11-broken-street\.csv, line 4, column Month: /);
  const report = await page.getByTestId('load-rows').locator('tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))));
  assert.equal(report['Rows read'], fmt(t.rows.length + table(october).rows.length + 3));
  assert.equal(report['Rejected: malformed rows'], '1');
  assert.deepEqual(errors, []);
  await page.close();
});

/** `text` in Windows-1252 (only the characters used below: Latin-1 and ’). */
const windows1252 = (text) => Buffer.from([...text].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0))));

test('a Windows-1252 copy of a real police.uk file gives exactly the counts and report of the UTF-8 original', async () => {
  const march = join(POLICE, '2024-03-cleveland-street.csv');
  const february = join(POLICE, '2024-02-cleveland-street.csv');
  // As a spreadsheet on Windows saves it: é (0xE9) in every second row's
  // Location, ’ (0x92) for each apostrophe, CRLF line ends.
  const lines = readFileSync(march, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  let changed = 0;
  let first = 0;
  const copied = lines.map((line, i) => {
    const cells = line.split(',');
    if (i > 0 && i % 2 === 0) cells[6] = cells[6].replaceAll('e', 'é');
    const out = cells.join(',').replaceAll("'", '’');
    if (/[^\x00-\x7f]/.test(out)) { changed += 1; first ||= i + 1; }
    return out;
  });
  const copy = join(tmp, '2024-03-cleveland-1252-street.csv');
  writeFileSync(copy, windows1252(copied.join('\r\n') + '\r\n'));
  assert.ok(changed > 3000 && first === 3, `${changed} rows changed, the first on line ${first}`);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(copy)), 'the copy is not UTF-8');

  const load = async (files) => {
    const { page, errors } = await open(browser, `${server.url}?page=load`);
    await choose(page, files);
    const described = (await fileRows(page)).map((r) => r[1]);
    await page.getByTestId('load-start').click();
    await page.getByTestId('local-notice').waitFor({ timeout: 60_000 });
    const figures = [await page.getByTestId('current').textContent(), await page.getByTestId('previous').textContent()];
    const counts = await savedCounts(page);
    const rows = await page.getByTestId('load-rows').locator('tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const summary = {
      described, figures, counts, rows,
      addsUp: await page.getByTestId('load-adds-up').textContent(),
      months: await page.getByTestId('load-months').textContent(),
      quality: await page.getByTestId('load-quality').locator('li').allTextContents(),
    };
    assert.deepEqual(errors, []);
    await page.close();
    return summary;
  };
  const utf8 = await load([february, march]);
  const latin = await load([february, copy]);
  // The March crimes, counted here from the original.
  const crimes = table(march).rows.filter((r) => r[9] !== 'Anti-social behaviour').length;
  assert.equal(utf8.figures[0], fmt(crimes));
  assert.deepEqual(latin.figures, utf8.figures);
  assert.equal(latin.counts, utf8.counts, 'the same counts.csv');
  assert.deepEqual(latin.rows, utf8.rows);
  assert.equal(latin.addsUp, utf8.addsUp);
  assert.match(latin.addsUp, / \+ 0 rejected = /);
  assert.equal(latin.months, utf8.months);
  assert.deepEqual(latin.described, utf8.described);
  const note = `2024-03-cleveland-1252-street.csv: ${changed} rows are not UTF-8 text; they were read as Windows-1252 (the first on line ${first}).`;
  assert.deepEqual(latin.quality.filter((q) => q.includes('Windows-1252')), [note]);
  assert.deepEqual(latin.quality.filter((q) => !q.includes('Windows-1252')), utf8.quality);
  assert.ok(!utf8.quality.some((q) => q.includes('Windows-1252')));
});

/** Writes a police.uk-shaped file of `rows` rows (one month, 2,000
 *  LSOAs) and returns its path. */
async function bigFile(rows) {
  const path = join(tmp, '2024-07-big-street.csv');
  const out = createWriteStream(path);
  out.write('Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n');
  const types = ['Burglary', 'Drugs', 'Robbery', 'Shoplifting', 'Anti-social behaviour'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const lsoa = String(i % 2000).padStart(4, '0');
    const id = (i * 2654435761 % 4294967296).toString(16).padStart(8, '0').repeat(8);
    chunk += `${id},2024-07,Test Police,Test Police,-1.${i % 1000},53.${i % 997},On or near Test Street,E0101${lsoa},Test ${lsoa}A,${types[i % 5]},Under investigation,\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((r) => out.on('finish', r));
  return path;
}

test('a large file shows its progress; the page answers clicks while it loads; cancel stops it', async () => {
  const rows = 1_500_000;
  const file = await bigFile(rows);
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await choose(page, [file]);
  await page.getByTestId('load-start').click();
  // In the page, as soon as the bar moves (the load takes well under a
  // second, too short for the test's own round trips on a busy machine):
  // the progress said, then the page's own thread is free (a frame comes
  // at once) and a click (cancel) is answered while the worker is busy.
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const poll = () => {
      if (!(Number(document.querySelector('#load-bar')?.getAttribute('value')) > 0)) {
        requestAnimationFrame(poll);
        return;
      }
      const text = document.querySelector('[data-testid="load-progress-text"]').textContent;
      const t0 = performance.now();
      requestAnimationFrame(() => {
        const frameMs = performance.now() - t0;
        document.querySelector('[data-testid="load-cancel"]').click();
        resolve({ text, frameMs });
      });
    };
    poll();
  }));
  assert.match(seen.text, /^[\d.]+ MB of [\d.]+ MB read \(\d+%\), [\d,]+ rows; file 1 of 1: 2024-07-big-street\.csv$/);
  console.log(`# while loading, the next frame came after ${seen.frameMs.toFixed(1)} ms`);
  await page.getByTestId('load-failure').filter({ hasText: 'The load was cancelled' }).waitFor();
  assert.equal(await page.getByTestId('local-notice').count(), 0);
  // The files are still chosen: a second go loads every row.
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 120_000 });
  await page.getByTestId('local-report-link').click();
  const headline = await page.getByTestId('load-headline').textContent();
  console.log(`# ${headline}`);
  assert.match(headline, new RegExp(`^Read ${fmt(rows)} rows `));
  assert.deepEqual(errors, []);
  await page.close();
});

/** axe-core's violations on the page as it stands. */
async function axe(page) {
  await page.addScriptTag({ url: '/__test/axe.min.js' });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

test('axe-core finds no violations on the Load data page, its choices, the local notice and the report (375 and 1280 px)', async () => {
  for (const width of [375, 1280]) {
    const { page, errors } = await open(browser, `${server.url}?page=load`, { width, height: 900 });
    await page.getByTestId('load-input').waitFor();
    assert.deepEqual(await axe(page), [], `empty page at ${width}px`);
    await choose(page, [join(POLICE, '2025-10-cleveland-street.csv'), join(POLICE, '2025-11-cleveland-street.csv'), LOOKUP]);
    assert.deepEqual(await axe(page), [], `files chosen at ${width}px`);
    await loadStockton(page);
    assert.deepEqual(await axe(page), [], `overview of loaded data at ${width}px`);
    await page.getByTestId('local-report-link').click();
    await page.getByTestId('load-report-section').waitFor();
    assert.deepEqual(await axe(page), [], `load report at ${width}px`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('files dropped on the page are taken like chosen ones', async () => {
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await page.getByTestId('drop-zone').waitFor();
  const text = readFileSync(join(POLICE, '2025-11-cleveland-street.csv'), 'utf8');
  const dropped = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped-street.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer: dropped });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByTestId('load-start').waitFor();
  const rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), [['dropped-street.csv', 'police.uk street-level crimes, 2025-11 (Cleveland Police)']]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('files chosen in two goes add up, and the same file given twice is read once', async () => {
  const nov = join(POLICE, '2025-11-cleveland-street.csv');
  const oct = join(POLICE, '2025-10-cleveland-street.csv');
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await choose(page, [nov]);
  await choose(page, [nov, oct]);
  assert.equal((await fileRows(page)).length, 3);
  await page.getByTestId('load-start').click();
  await page.getByTestId('current').waitFor({ timeout: 60_000 });
  const crimes = (file) => table(file).rows.filter((r) => r[9] !== 'Anti-social behaviour').length;
  assert.equal(await page.getByTestId('current').textContent(), fmt(crimes(nov)));
  assert.equal(await page.getByTestId('previous').textContent(), fmt(crimes(oct)));
  await page.getByTestId('local-report-link').click();
  const report = await page.getByTestId('load-report-files').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(report.filter((r) => r[4] === 'Read').length, 2);
  assert.ok(report.some((r) => /^Not used: the same month and force as 2025-11-cleveland-street\.csv/.test(r[4])), JSON.stringify(report));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a load goes on, reading in the loading worker, when its reader cannot start', async () => {
  // A copy of the bundle without reader.js (a request from a worker's own
  // worker cannot be intercepted by the browser driver).
  const copy = join(tmp, 'dist-without-reader');
  cpSync(join(ROOT, 'dist'), copy, { recursive: true });
  rmSync(join(copy, 'reader.js'));
  const other = await serveDist(copy);
  try {
    const { page } = await open(browser, `${other.url}?page=load`);
    const file = await bigFile(200_000);
    await choose(page, [file]);
    await page.getByTestId('load-start').click();
    await page.getByTestId('local-notice').waitFor({ timeout: 30_000 });
    await page.getByTestId('local-report-link').click();
    assert.match(await page.getByTestId('load-headline').textContent(), /^Read 200,000 rows /);
    await page.close();
  } finally {
    await other.close();
  }
});

test('a loading worker that cannot start is reported once, not retried in a loop', async () => {
  const { page } = await open(browser, `${server.url}?page=load`);
  let asked = 0;
  await page.context().route('**/loader_loader.js', (route) => { asked += 1; return route.abort(); });
  try {
    await page.getByTestId('load-input').setInputFiles(join(POLICE, '2025-11-cleveland-street.csv'));
    await page.getByTestId('load-failure').filter({ hasText: 'The loading worker stopped' }).waitFor();
    await page.waitForTimeout(1500);
    assert.ok(asked <= 2, `the worker was started ${asked} times`);
    assert.match(await page.getByTestId('load-failure').textContent(), /set aside: choose them again/);
  } finally {
    await page.context().unroute('**/loader_loader.js');
  }
  await page.close();
});

test('a browser without WebAssembly SIMD is told it cannot load files here, and the worker is not started', async () => {
  const page = await browser.newPage();
  // As in a browser before wasm SIMD: a module using it does not validate.
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => !new Uint8Array(bytes.buffer ?? bytes).includes(0xfd) && validate(bytes);
  });
  let asked = 0;
  await page.route('**/loader_loader.js', (route) => { asked += 1; return route.continue(); });
  await page.goto(`${server.url}?page=load`);
  await page.getByTestId('load-input').setInputFiles(join(POLICE, '2025-11-cleveland-street.csv'));
  const failure = page.getByTestId('load-failure');
  await failure.filter({ hasText: 'needs WebAssembly SIMD' }).waitFor();
  assert.match(await failure.textContent(), /Safari 16\.4 or later\)\. Published datasets still open in it\./);
  assert.equal(asked, 0, 'the loading worker was not fetched');
  await page.close();
});
