// The loading benchmark's page (bench/load.html), driven by
// scripts/bench-load.mjs: counts the chosen police.uk file by
// month × LSOA × crime type with the explorer's own loader (its web worker,
// dist/loader_loader.js), with DuckDB-wasm (the File through its file
// reader, or read into one buffer) and with PapaParse (on this page's
// thread, or in its worker mode), one timed run at a time, and keeps each
// tool's answer in one canonical form: sorted lines
// `month,lsoa,crime type,count` (RFC 4180 quoting; rows with no LSOA code
// under an empty one).
import * as duckdb from '/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const DUCKDB = '/bench/node_modules/@duckdb/duckdb-wasm/dist/';
const SEP = '\u0000';
// The loader's worker: the untimed wait for it to start (when it does not
// say "ready"), and how long it may take to answer "add" or stay silent.
const STARTUP_MS = 1500;
const ADDED_MS = 20_000;
const QUIET_MS = 60_000;
// The reader's moment between the files table (`added`) and pressing Load
// (`start`): untimed, as on the page, where the worker warms up meanwhile.
const CHOOSING_MS = 400;

const log = (text) => {
  document.getElementById('log').textContent += `${text}\n`;
};

const chosenFile = () => {
  const file = document.getElementById('file').files[0];
  if (!file) throw new Error('no file chosen');
  return file;
};

/** Quotes a field as RFC 4180 does, only when it needs it. */
const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The canonical answer from [month, lsoa, type, count] cells (count > 0). */
function canonical(cells) {
  const lines = [];
  for (const [month, lsoa, type, count] of cells) {
    if (count > 0) lines.push(`${quote(month)},${quote(lsoa)},${quote(type)},${count}`);
  }
  return lines.sort().join('\n');
}

/** [month, lsoa, type, count] cells from a Map keyed `month SEP lsoa SEP type`. */
function* mapCells(counts) {
  for (const [key, count] of counts) {
    const [month, lsoa, type] = key.split(SEP);
    yield [month, lsoa, type, count];
  }
}

/** Records of an RFC 4180 CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else if (c !== '\r') field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

// ---- 1. the explorer's loader (its web worker, built by trunk) ----------

/** One load: a fresh worker, `add` with the file, then `start` at LSOA
 *  level, timed as a reader waits: from posting `add` to `added` (the
 *  files table), and from posting `start`, CHOOSING_MS later, to `done`.
 *  Messages are the worker's (src/view/load/message.rs): an array, its
 *  JSON text first, then the files (with `add`) or the dataset's files
 *  (with `done`, as UTF-8 bytes, or text from builds before 4 December
 *  2026: manifest, counts…). The worker sets its message handler only
 *  once its wasm has loaded, and a message posted before that is lost;
 *  so "add" waits, untimed, for a ["ready"] message if the worker sends
 *  one, or else STARTUP_MS. */
function loaderOnce(file, base) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`${base}loader_loader.js`);
    const ignored = new Set();
    let progress = 0;
    let t0 = null;
    let choosing = 0;
    let timer = 0;
    const fail = (message) => { clearTimeout(timer); worker.terminate(); reject(new Error(message)); };
    const watch = (ms, why) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`the loader's worker ${why}`), ms);
    };
    const add = () => {
      if (t0 !== null) return;
      t0 = performance.now();
      worker.postMessage([JSON.stringify({ type: 'add', lang: 'en', catalogue: '' }), [file]]);
      watch(ADDED_MS, `did not answer "add" within ${ADDED_MS / 1000} s (was the message posted before its handler was set?)`);
    };
    worker.onerror = (e) => fail(`the loader's worker failed: ${e.message ?? e}`);
    worker.onmessageerror = () => fail("a message from the loader's worker could not be read");
    let done = null;
    worker.onmessage = (event) => {
      const msg = event.data;
      // After "done" and its files, the worker sends where the time went:
      // ["stages", JSON] (src/worker/stages.rs).
      if (done && Array.isArray(msg) && msg[0] === 'stages') {
        clearTimeout(timer);
        worker.terminate();
        resolve({ ...done, stages: JSON.parse(msg[1]) });
        return;
      }
      let head = {};
      try { head = Array.isArray(msg) ? JSON.parse(msg[0]) : {}; } catch { /* said below */ }
      const kind = head.type ?? typeof msg;
      if (kind === 'ready') { add(); return; }
      watch(QUIET_MS, `said nothing for ${QUIET_MS / 1000} s`);
      if (kind === 'added') {
        const added = performance.now();
        setTimeout(() => {
          choosing = performance.now() - added;
          worker.postMessage([JSON.stringify({ type: 'start', level: 'lsoa', within: '', query: '' })]);
        }, CHOOSING_MS);
      } else if (kind === 'progress') progress += 1;
      else if (kind === 'done') {
        const ms = performance.now() - t0 - choosing;
        done = { ms, countsCsv: typeof msg[2] === 'string' ? msg[2] : new TextDecoder().decode(msg[2]), headline: head.summary?.headline, progress, ignored: [...ignored] };
      } else if (kind === 'failed') fail(`the loader failed: ${msg[0]}`);
      else ignored.add(String(kind));
    };
    timer = setTimeout(add, STARTUP_MS);
  });
}

function loaderCanonical(countsCsv) {
  const [header, ...records] = parseCsv(countsCsv);
  const at = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the loader's counts have no "${name}" column: ${header.join(',')}`);
    return i;
  };
  const [m, a, c, n] = ['month', 'area_code', 'category', 'count'].map(at);
  return canonical(records.map((r) => [r[m], r[a], r[c], Number(r[n])]));
}

/** One load by the loader built in dist/ (base '/'), or by another build
 *  (base '/vs/', the driver's --vs). */
async function runLoader(base) {
  const r = await loaderOnce(chosenFile(), base);
  return {
    ms: r.ms,
    canonical: loaderCanonical(r.countsCsv),
    extra: { report: r.headline, progressMessages: r.progress, ignoredMessages: r.ignored, stages: r.stages },
  };
}

// ---- 2. DuckDB-wasm (the "eh" bundle in its own worker) -----------------
// Timed: registering the File (through the browser's file reader, or read
// whole into a buffer first) and the query, to its Arrow result.

let duck = null;

/** Instantiates DuckDB once (not timed); resolves to { db, conn, version, ms }. */
async function duckInit() {
  if (duck) return duck;
  const t0 = performance.now();
  const worker = new Worker(`${DUCKDB}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${DUCKDB}duckdb-eh.wasm`);
  const conn = await db.connect();
  duck = { db, conn, version: await db.getVersion(), ms: performance.now() - t0 };
  return duck;
}

// all_varchar: no type sniffing or number parsing (less work for DuckDB);
// empty fields read as NULL, so a missing LSOA code becomes '' as in the
// loader's counts.
const DUCK_SQL = `SELECT "Month" AS month, coalesce("LSOA code", '') AS lsoa,
  "Crime type" AS type, count(*)::INTEGER AS n
  FROM read_csv('bench.csv', header = true, all_varchar = true)
  GROUP BY ALL`;

async function runDuckdb(buffer) {
  const { db, conn, version, ms: instantiateMs } = await duckInit();
  const file = chosenFile();
  const t0 = performance.now();
  if (buffer) await db.registerFileBuffer('bench.csv', new Uint8Array(await file.arrayBuffer()));
  else await db.registerFileHandle('bench.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const table = await conn.query(DUCK_SQL);
  const ms = performance.now() - t0;
  await db.dropFile('bench.csv');
  const cols = ['month', 'lsoa', 'type', 'n'].map((name) => table.getChild(name).toArray());
  const cells = [];
  for (let i = 0; i < table.numRows; i += 1) {
    // A NULL month or type would show as null: keep it visible, not ''.
    cells.push([String(cols[0][i]), String(cols[1][i]), String(cols[2][i]), Number(cols[3][i])]);
  }
  return { ms, canonical: canonical(cells), extra: { version, instantiateMs } };
}

// ---- 3. PapaParse ----------------------------------------------------------

/** Papa.parse of the File in chunks (header row read by hand), counting
 *  into a Map; `worker` runs Papa's parser in its own worker. */
function papaOnce(file, worker) {
  return new Promise((resolve, reject) => {
    const counts = new Map();
    let cols = null;
    let rows = 0;
    const t0 = performance.now();
    window.Papa.parse(file, {
      worker,
      skipEmptyLines: true,
      chunk(results) {
        const data = results.data;
        let i = 0;
        if (cols === null) {
          cols = ['Month', 'LSOA code', 'Crime type'].map((name) => data[0].indexOf(name));
          if (cols.includes(-1)) { reject(new Error(`unexpected header: ${data[0].join(',')}`)); return; }
          i = 1;
        }
        const [m, a, c] = cols;
        for (; i < data.length; i += 1) {
          const r = data[i];
          const key = r[m] + SEP + r[a] + SEP + r[c];
          counts.set(key, (counts.get(key) ?? 0) + 1);
          rows += 1;
        }
      },
      complete() { resolve({ ms: performance.now() - t0, counts, rows }); },
      error(err) { reject(new Error(`PapaParse: ${err?.message ?? err}`)); },
    });
  });
}

async function runPapa(worker) {
  const r = await papaOnce(chosenFile(), worker);
  return { ms: r.ms, canonical: canonical(mapCells(r.counts)), extra: { rows: r.rows, version: window.Papa.version } };
}

// ---- 4. the floor: the loader's reader alone, nothing parsed --------------

/** The whole file read as the loader reads it (its reader.js from dist/,
 *  16 MiB slices, each claimed at once), nothing parsed: what reading
 *  costs in this browser, the loader's floor. */
function runRead() {
  const file = chosenFile();
  const slice = 16 << 20;
  return new Promise((resolve, reject) => {
    const worker = new Worker('/reader.js');
    let got = 0;
    const t0 = performance.now();
    worker.onerror = (e) => { worker.terminate(); reject(new Error(`reader.js failed: ${e.message ?? e}`)); };
    worker.onmessage = (event) => {
      const [kind, id, , bytes] = event.data;
      if (kind !== 'slice') {
        worker.terminate();
        reject(new Error(`reader.js said ${kind}`));
        return;
      }
      got += bytes.byteLength;
      worker.postMessage(['more', id]);
      if (got === file.size) {
        const ms = performance.now() - t0;
        worker.terminate();
        resolve({ ms, canonical: null, extra: {} });
      }
    };
    worker.postMessage(['read', 1, file, 0, file.size, slice]);
  });
}

// ---- the driver's entry points ----------------------------------------------

const TOOLS = {
  loader: () => runLoader('/'),
  'loader-vs': () => runLoader('/vs/'),
  duckdb: () => runDuckdb(false),
  'duckdb-buffer': () => runDuckdb(true),
  papa: () => runPapa(false),
  'papa-worker': () => runPapa(true),
  read: runRead,
};
const first = {};

window.bench = {
  /** One timed run of `tool`; resolves to { ms, extra, same } where `same`
   *  says whether the answer equals this tool's first run's. */
  async run(tool) {
    // The garbage of the tools before (PapaParse's rows) is collected
    // first, untimed, not while this one runs.
    window.gc?.();
    const result = await TOOLS[tool]();
    first[tool] ??= result.canonical;
    log(`${tool}: ${result.ms.toFixed(0)} ms`);
    return { ms: result.ms, extra: result.extra, same: result.canonical === first[tool] };
  },
  /** The first run's canonical answer of `tool`. */
  canonical: (tool) => first[tool],
  /** Instantiates DuckDB (untimed); resolves to its version and the time it took. */
  async duckdbInit() {
    const { version, ms } = await duckInit();
    return { version, ms };
  },
};
window.benchReady = true;
