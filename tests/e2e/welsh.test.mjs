// The explorer in Welsh (`?lang=cy`): every page speaks Welsh, `<html
// lang>` follows, months are Welsh, axe-core finds nothing, switching the
// language keeps the rest of the view, and no English word of the
// catalogue is left on a page (only the data's own words, which its
// publisher wrote, may be English).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, useAppAndBrowser, ROOT } from './harness.mjs';

const app = useAppAndBrowser();
const DEMO = join(ROOT, 'public/data/demo');

/** The words (3 letters or more, lower case) of a text. */
const wordsOf = (text) => new Set((text.toLowerCase().match(/[a-z\u00c0-\u017f']{3,}/g) ?? []).map((w) => w.replace(/^'+|'+$/g, '')));

/** Every English message's text, read from the catalogue's source. */
function catalogue(path, pattern) {
  const text = readFileSync(join(ROOT, path), 'utf8');
  // The texts alone, without their `{names}`.
  return [...text.matchAll(pattern)].map((m) => m[1].replace(/\{\w+\}/g, ' ')).join(' ');
}
const ENGLISH = catalogue('src/i18n/en.rs', /^\s+\w+ = "((?:[^"\\]|\\.)*)",$/gm);
const WELSH = catalogue('i18n/cy.txt', /^\w+ = (.*)$/gm);

/** The demo dataset's own words: its manifest's texts, its areas', its
 *  categories' and groups' names, as its publisher wrote them. */
function dataWords() {
  const manifest = readFileSync(join(DEMO, 'manifest.json'), 'utf8');
  const files = ['areas.csv', 'categories.csv', 'counts.csv', 'council-asb.csv', 'fires.csv', 'targets.csv']
    .map((f) => readFileSync(join(DEMO, f), 'utf8'));
  return wordsOf([manifest, ...files].join(' '));
}

/** English words a Welsh page must not show: the catalogue's English
 *  vocabulary, less words Welsh shares (`data`, `ward`…) and the data's. */
const FORBIDDEN = (() => {
  const welsh = wordsOf(WELSH);
  const data = dataWords();
  return new Set([...wordsOf(ENGLISH)].filter((w) => !welsh.has(w) && !data.has(w)));
})();

const PAGES = [
  ['overview', '?dataset=demo&lang=cy', 'headline-sentence'],
  ['ranking', '?dataset=demo&page=wards&by=rate&lang=cy', 'ranking-table'],
  ['ward profile', '?dataset=demo&ward=E05900020&lang=cy', 'profile'],
  ['deprivation', '?dataset=demo&page=deprivation&lang=cy', 'deprivation-table'],
  ['how to read these figures', '?dataset=demo&page=guide&lang=cy', 'guide'],
  ['embed builder', '?dataset=demo&page=embed&lang=cy', 'embed-code'],
  ['embedded card', '?dataset=demo&embed=card&ward=E05900020&lang=cy', 'embed-source'],
];

for (const [name, query, ready] of PAGES) {
  test(`in Welsh: ${name}`, async () => {
    const { page, errors } = await open(app.browser, app.server.url + query);
    await page.getByTestId(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
    // (Addresses are not words: a link to cite carries `?dataset=…&page=…`.)
    const text = (await page.evaluate(() => `${document.title}\n${document.body.innerText}`))
      .replace(/\S*\?\S+/g, ' ');
    const english = [...wordsOf(text)].filter((w) => FORBIDDEN.has(w));
    assert.deepEqual(english, [], `${name}: English words on the Welsh page`);
    await page.addScriptTag({ url: '/__test/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.help}`);
    });
    assert.deepEqual(violations, [], name);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('in Welsh: months and the headline say Welsh words', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&current=2025-01..2025-03&previous=2024-01..2024-03&lang=cy`);
  const sentence = await page.getByTestId('headline-sentence').innerText();
  assert.match(sentence, /Ionawr 2025 – Mawrth 2025/, sentence);
  assert.match(sentence, /Ionawr 2024 – Mawrth 2024/, sentence);
  await page.close();
});

test('switching the language keeps the rest of the view', async () => {
  const query = '?dataset=demo&page=wards&by=rate&rows=group&period=quarter';
  const { page } = await open(app.browser, app.server.url + query);
  await page.getByTestId('ranking-table').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'cy');
  const url = new URL(page.url());
  for (const [k, v] of new URL(app.server.url + query).searchParams) {
    assert.equal(url.searchParams.get(k), v, `${k} kept`);
  }
  assert.equal(url.searchParams.get('lang'), 'cy');
  await page.getByTestId('ranking-table').waitFor();
  assert.match(await page.locator('h2').first().innerText(), /yn ôl cyfradd/);
  // And back: English again, nothing else changed.
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(new URL(page.url()).searchParams.get('lang'), null);
  assert.equal(new URL(page.url()).searchParams.get('by'), 'rate');
  await page.close();
});

test('in Welsh: the Load data page, its files table and its report', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?page=load&lang=cy`);
  await page.getByTestId('drop-zone').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  const before = (await page.evaluate(() => `${document.title}\n${document.body.innerText}`)).replace(/\S*\?\S+/g, ' ');
  assert.deepEqual([...wordsOf(before)].filter((w) => FORBIDDEN.has(w)), [], 'English on the empty Load data page');
  await page.getByTestId('load-input').setInputFiles([join(DEMO, 'counts.csv'), join(DEMO, 'areas.csv')]);
  const table = page.getByTestId('load-files');
  await table.waitFor();
  const headings = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(headings.map((h) => h.replace(/[▲▼]/g, '').trim()), ['Ffeil', 'Tybiwyd ei bod yn', 'Maint', 'Rhesi a ddarllenwyd', 'Canlyniad']);
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor();
  // The figures, then the report, in Welsh.
  assert.match(await page.getByTestId('local-notice').innerText(), /Eich data eich hun\./);
  await page.getByTestId('local-report-link').click();
  assert.match(await page.getByTestId('load-headline').innerText(), /^Darllenwyd [\d,]+ rhes o droseddau/);
  assert.match(await page.getByTestId('load-adds-up').innerText(), /mae cyfrif am bob rhes\.$/);
  assert.match(await page.getByTestId('load-months').innerText(), /o ddata, Tachwedd 2022 i Hydref 2025\.$/);
  await page.close();
  assert.deepEqual(errors, []);
});

/** The Welsh fixture's areas (`scripts/build-welsh`): code → [English, Welsh]. */
function welshAreas() {
  const lines = readFileSync(join(ROOT, 'tests/e2e/fixtures/welsh/areas.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [c, en, cy] = ['area_code', 'area_name', 'area_name_cy'].map((h) => header.indexOf(h));
  return new Map(lines.slice(1).map((l) => l.split(',')).map((f) => [f[c], [f[en], f[cy] || f[en]]]));
}

test('in Welsh: areas are named in Welsh where the lookup names them (Merthyr Tydfil)', async () => {
  const areas = welshAreas();
  const renamed = [...areas].filter(([, [en, cy]]) => en !== cy);
  assert.ok(renamed.length >= 5, 'the fixture has Welsh names of its own');
  const [code, [english, welsh]] = renamed.find(([c]) => c.startsWith('W05'));
  // The ranking names every ward in Welsh (and none in English where it
  // has a Welsh name); the whole is Merthyr Tudful.
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=welsh&page=wards&lang=cy`);
  const table = page.getByTestId('ranking-table');
  await page.locator('[data-testid="ranking-table"]:not([aria-busy])').waitFor({ state: 'attached' });
  const names = await table.locator('tbody tr th, tbody tr td:nth-child(2)').allInnerTexts();
  for (const [c, [en, cy]] of renamed.filter(([c]) => c.startsWith('W05'))) {
    assert.ok(names.includes(cy), `${c}: ${cy} in ${names.join(', ')}`);
    assert.ok(!names.includes(en), `${c}: not ${en}`);
  }
  assert.match(await page.locator('body').innerText(), /Merthyr Tudful/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  // A ward's profile, its title and the way back.
  await page.goto(`${app.server.url}?dataset=welsh&ward=${code}&lang=cy`);
  assert.equal((await page.getByTestId('profile-name').innerText()).trim(), `${welsh} (${code})`);
  assert.match(await page.title(), new RegExp(`^${welsh} — proffil ward`));
  // In English the same ward has its English name.
  await page.goto(`${app.server.url}?dataset=welsh&ward=${code}`);
  assert.equal((await page.getByTestId('profile-name').innerText()).trim(), `${english} (${code})`);
  // The embedded card too.
  await page.goto(`${app.server.url}?dataset=welsh&embed=card&ward=${code}&lang=cy`);
  await page.getByTestId('embed-source').waitFor();
  assert.match(await page.locator('.headline h2').innerText(), new RegExp(`^${welsh}: `));
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Welsh: the Load data page names the lookup\'s areas in Welsh', async () => {
  const dir = join(ROOT, 'tests/e2e/fixtures/welsh-files');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f));
  const { page, errors } = await open(app.browser, `${app.server.url}?page=load&lang=cy`);
  await page.getByTestId('load-input').setInputFiles(files);
  const offered = page.getByTestId('load-within-offered');
  await offered.waitFor();
  assert.deepEqual(await offered.locator('button').allInnerTexts(), ['Merthyr Tudful']);
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor();
  const names = await page.getByTestId('category-table').locator('tbody th').allInnerTexts();
  assert.ok(names.includes('Byrgleriaeth'), `the crime types in Welsh: ${names.join(', ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Files that make every kind of message the Load data page shows, from
 *  the Welsh fixture: its lookup and months; January again (the same
 *  bytes: read once) and February again with a row changed (set aside); a
 *  March with a bad month, an unknown crime type, a row cut short, an
 *  LSOA code no lookup lists and a row in Windows-1252; a file that is not
 *  data. Returns the paths and the files' own words. */
function messyFiles() {
  const dir = join(ROOT, 'tests/e2e/fixtures/welsh-files');
  const tmp = mkdtempSync(join(tmpdir(), 'cse-welsh-load-'));
  mkdirSync(join(tmp, 'again'));
  const read = (f) => readFileSync(join(dir, f));
  const jan = read('2025-01-south-wales-street.csv');
  const feb = read('2025-02-south-wales-street.csv').toString('utf8');
  const [header, first] = feb.split('\n');
  const row = (month, lsoa, type, location = 'On or near Park') =>
    `,${month},South Wales Police,South Wales Police,-3.38,51.74,${location},${lsoa},Merthyr Tydfil 007A,${type},,`;
  const good = first.split(',')[7];
  const march = [
    header,
    row('2025-03', good, 'Burglary'),
    row('2025-13', good, 'Burglary'),
    row('2025-03', good, 'Jaywalking'),
    ',2025-03,South Wales Police',
    row('2025-03', 'W01099999', 'Burglary'),
    row('2025-03', good, 'Burglary', 'Caf\u00e9'),
  ].join('\r\n') + '\r\n';
  const files = {
    'lookup.csv': read('lookup.csv'),
    '2025-01-south-wales-street.csv': jan,
    '2025-02-south-wales-street.csv': Buffer.from(feb),
    'again/2025-01-copy-street.csv': jan,
    'again/2025-02-other-street.csv': Buffer.from(feb.replace(first, row('2025-02', good, 'Robbery'))),
    // Windows-1252: every character below 256 is its own byte.
    '2025-03-south-wales-street.csv': Buffer.from(march, 'latin1'),
    'notes.txt': Buffer.from('hello\n'),
  };
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    return path;
  });
  const own = Object.entries(files).map(([name, bytes]) => `${name} ${bytes.toString('latin1')}`).join(' ');
  return { paths, own: wordsOf(own) };
}

test('in Welsh: every message of the Load data page (repeats, an unknown file, malformed rows, Windows-1252, unknown codes) is Welsh', async () => {
  const { paths, own } = messyFiles();
  const forbidden = new Set([...FORBIDDEN].filter((w) => !own.has(w)));
  // The check would see English: the catalogue's words of these messages.
  for (const w of ['malformed', 'expected', 'vintage', 'twice', 'lists']) {
    assert.ok(forbidden.has(w), `${w} is a word the check looks for`);
  }
  const { page, errors } = await open(app.browser, `${app.server.url}?page=load&lang=cy`);
  await page.getByTestId('load-input').setInputFiles(paths);
  await page.getByTestId('load-start').waitFor({ timeout: 60_000 });
  const english = async (what) => {
    const text = (await page.evaluate(() => `${document.title}\n${document.body.innerText}`)).replace(/\S*\?\S+/g, ' ');
    return [...wordsOf(text)].filter((w) => forbidden.has(w)).map((w) => `${what}: ${w}`);
  };
  const found = await english('the files chosen');
  await page.getByTestId('load-start').click();
  await page.getByTestId('local-notice').waitFor({ timeout: 60_000 });
  found.push(...await english('the figures'));
  await page.getByTestId('local-report-link').click();
  await page.getByTestId('load-rejected').waitFor();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  found.push(...await english('the report'));
  assert.deepEqual(found, [], 'English on the Welsh Load data page');
  // Each kind of message is there, in Welsh: file, line and column.
  const rejected = await page.getByTestId('load-rejected').locator('li').allInnerTexts();
  assert.deepEqual(rejected.map((r) => r.split(':')[0]), [
    '2025-03-south-wales-street.csv, llinell 3, colofn Month',
    '2025-03-south-wales-street.csv, llinell 4, colofn Crime type',
    '2025-03-south-wales-street.csv, llinell 5',
  ]);
  assert.match(rejected[0], /disgwyliwyd mis ar y ffurf BBBB-MM, cafwyd "2025-13"$/);
  assert.match(rejected[2], /disgwyliwyd 12 maes, cafwyd 3$/);
  assert.match(await page.getByTestId('load-unknown').innerText(), /^Mae gan 1 res god ACEHI .*W01099999 \(1 res\)/);
  const quality = await page.getByTestId('load-quality').innerText();
  assert.match(quality, /2025-03-south-wales-street\.csv: nid testun UTF-8 yw 1 rhes; fe'i darllenwyd fel Windows-1252 \(llinell 7\)\./);
  const results = await page.getByTestId('load-report-files').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const result = (name) => (results.find((r) => r[0] === name) ?? [])[4] ?? `${name} missing`;
  assert.match(result('2025-01-copy-street.csv'), /^Heb ei defnyddio: yr un mis a heddlu â 2025-01-south-wales-street\.csv .* a'r un cynnwys/);
  assert.match(result('2025-02-other-street.csv'), /^Heb ei defnyddio: .* ond cynnwys gwahanol/);
  assert.match(result('notes.txt'), /^Nid oedd modd ei defnyddio\. notes\.txt: nid yw'n ffeil y mae'r archwiliwr yn ei darllen/);
  const takenToBe = (name) => (results.find((r) => r[0] === name) ?? [])[1];
  assert.equal(takenToBe('2025-01-south-wales-street.csv'), 'troseddau lefel stryd police.uk, 2025-01 (South Wales Police)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Welsh: the dataset menu gives each dataset its Welsh title, else its English one', async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=welsh&lang=cy`);
  await page.route('**/data/index.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify([
      { name: 'cleveland', title: 'Cleveland' },
      { name: 'welsh', title: 'Merthyr Tydfil: test data (invented rows)', title_cy: 'Merthyr Tudful: data prawf (rhesi wedi\'u dyfeisio)' },
    ]),
  }));
  await page.reload();
  const menu = page.getByTestId('dataset-select');
  await menu.waitFor();
  assert.deepEqual(await menu.locator('option').allInnerTexts(), ['Cleveland', 'Merthyr Tudful: data prawf (rhesi wedi\'u dyfeisio)']);
  await page.goto(`${app.server.url}?dataset=welsh`);
  await menu.waitFor();
  assert.deepEqual(await menu.locator('option').allInnerTexts(), ['Cleveland', 'Merthyr Tydfil: test data (invented rows)']);
  assert.deepEqual(errors, []);
  await page.close();
});
