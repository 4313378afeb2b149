// The loading worker's CSV scan in the browser (issue 17): the loader's
// worker scans records 64 bytes at a time in wasm SIMD lanes, which native
// tests cannot run. A police.uk file written here puts every byte the scan
// looks for (line ends, quotes, commas, bytes over 0x7F, CRLF) at every
// place of a 64-byte block, with quoted fields holding commas, doubled
// quotes and line breaks; loaded through the Load data page, its counts
// must equal the counts of a plain CSV parse done here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDist, launchBrowser, open } from './harness.mjs';

const TYPES = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs',
  'Other crime', 'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting',
  'Theft from the person', 'Vehicle crime', 'Violence and sexual offences',
];
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MONTHS = ['2024-01', '2024-02', '2024-03'];
const LOCATIONS = [
  'On or near Parking Area',
  '"On or near High Street, Norton"',
  '"On or near ""The Square"""',
  '"On or near\nTwo Lines"',
  'On or near Café Nero Ŵyddgrug',
  '"Caffi\u00e9, ""yn"" y\r\ndref"',
  'On or near CAFE_1252 Lane',
];
const fmt = (n) => n.toLocaleString('en-GB');
let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A small deterministic generator (so that a failure can be repeated). */
function random(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** The file: rows whose first field's length walks through every place of
 *  a 64-byte block, so that what follows falls everywhere; UTF-8 but for
 *  rows whose location is "Café" in Windows-1252 (one byte, 0xE9). Also
 *  returns those rows' count and the line the first starts on. */
function makeFile() {
  const pick = random(17);
  const lines = [HEADER];
  for (let i = 0; i < 3000; i += 1) {
    const id = 'x'.repeat(i % 130);
    const lsoa = pick(9) === 0 ? '' : `E0101${String(2000 + pick(40))}`;
    const location = LOCATIONS[pick(LOCATIONS.length)];
    const context = pick(5) === 0 ? '"a, ""b""\nc"' : '';
    const fields = [id, MONTHS[pick(3)], 'Cleveland Police', 'Cleveland Police', '-1.3', '54.5',
      location, lsoa, lsoa ? `Stockton-on-Tees ${lsoa.slice(-3)}` : '', TYPES[pick(TYPES.length)], '', context];
    lines.push(fields.join(','));
  }
  // Line ends: LF or CRLF, by row; rows holding "CAFE_1252" become
  // Windows-1252 bytes.
  const text = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : '\n')).join('');
  const parts = text.split('CAFE_1252');
  const bytes = Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(p)] : [Buffer.from(p)])));
  const firstLine = text.slice(0, text.indexOf('CAFE_1252')).split('\n').length;
  return { text: text.replaceAll('CAFE_1252', 'Café'), bytes, recoded: parts.length - 1, firstLine };
}

/** A plain CSV parse (RFC 4180): records of fields, quotes decoded. */
function parse(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  return records;
}

/** month,LSOA,type → rows, counted from the parse (rows without an LSOA
 *  under an empty code, as the counts file keeps them); and the rows read. */
function expected(text) {
  const [head, ...rows] = parse(text);
  const at = (name) => head.indexOf(name);
  const counts = new Map();
  for (const r of rows) {
    assert.equal(r.length, head.length, 'the file written has whole rows');
    const key = [r[at('Month')], r[at('LSOA code')], r[at('Crime type')]].join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, read: rows.length };
}

test('quotes, commas, line breaks and non-ASCII bytes at every place of a 64-byte block: the loader counts what a plain parse counts', async () => {
  const { text, bytes, recoded, firstLine } = makeFile();
  assert.ok(recoded > 100, `${recoded} Windows-1252 rows`);
  const want = expected(text);
  const { page, errors } = await open(browser, `${server.url}?page=load`);
  await page.getByTestId('load-input').setInputFiles([
    { name: '2024-03-cleveland-street.csv', mimeType: 'text/csv', buffer: bytes },
  ]);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 60_000 });
  await page.getByTestId('local-report-link').click();
  await page.getByTestId('load-saves').waitFor();
  const rows = await page.getByTestId('load-rows').locator('tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))));
  assert.equal(rows['Rows read'], fmt(want.read));
  assert.equal(rows['Rejected'] ?? '0', '0', JSON.stringify(rows));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('load-saves').getByRole('button', { name: 'counts.csv' }).click(),
  ]);
  const [head, ...lines] = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(head, 'month,area_code,category,count');
  const got = new Map();
  for (const line of lines) {
    const cut = line.lastIndexOf(',');
    const n = Number(line.slice(cut + 1));
    if (n > 0) got.set(line.slice(0, cut), n);
  }
  assert.deepEqual([...got].sort(), [...want.counts].sort());
  // Every Windows-1252 row was found (a row's bytes over 0x7F, wherever
  // they fall in a block, are seen by the scan).
  const quality = await page.getByTestId('load-quality').locator('li').allTextContents();
  const note = `2024-03-cleveland-street.csv: ${fmt(recoded)} rows are not UTF-8 text; they were read as Windows-1252 (the first on line ${firstLine}).`;
  assert.deepEqual(quality.filter((q) => q.includes('Windows-1252')), [note]);
  assert.deepEqual(errors, []);
  await page.close();
});
