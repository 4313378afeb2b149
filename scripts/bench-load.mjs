// Loading benchmark in headless Chromium (run by scripts/bench-load; not part
// of scripts/test):
//   node scripts/bench-load.mjs [--rows N] [--runs N] [--no-loader] [--vs DIR] [--only TOOL,…]
// Generates a police.uk-shaped file (examples/generate_policeuk.rs, 12
// months), counts it by month × LSOA × crime type in node with a plain line
// split, then in one page (bench/load.html) with the explorer's loader (its
// web worker from dist/), DuckDB-wasm (reading the File through its file
// reader, and from a buffer) and PapaParse (on the page's thread, and in its
// worker mode), given the file through <input type=file>, and natively with
// `explorer-cli prepare` (a whole process). The tools run interleaved, one
// run of each per round, so that ratios are taken within a round, each
// after node has read the file (untimed: every tool reads it from the
// page cache). Prints
// times, MB/s, rows/s, the ratios round by round, the loader's stages (its
// worker's own timing, src/worker/stages.rs) and the goals; exits 1 when
// any answer differs from the node count. Each round also reads the file
// with the loader's reader alone, parsing nothing (`read`): the floor
// below which the loader cannot go in this browser. --vs DIR adds the
// loader of another build (its dist/) to every round; --only keeps the
// tools named (loader, duckdb, duckdb-buffer, papa, papa-worker, native,
// read, loader-vs).
import { createServer, request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, launchBrowser, serveDist } from '../tests/e2e/harness.mjs';

const BENCH = join(ROOT, 'bench');
const GOALS = { mbPerS: 400, vsDuckdb: 2, vsPapa: 5, vsNative: 1.6 };

function options(argv) {
  const o = { rows: 1_000_000, runs: 5, loader: true, vs: null, only: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const count = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number ≥ 1`);
      return n;
    };
    if (a === '--rows') o.rows = count();
    else if (a === '--runs') o.runs = count();
    else if (a === '--no-loader') o.loader = false;
    else if (a === '--vs') o.vs = argv[++i];
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',');
    else throw new Error(`unknown option ${a}; use --rows N, --runs N, --no-loader, --vs DIR, --only TOOL,…`);
  }
  return o;
}

/** True when dist/ has the loader's worker; retries briefly, as dist/ may
 *  be being rebuilt. */
async function loaderBuilt() {
  for (let i = 0; i < 5; i += 1) {
    if (existsSync(join(ROOT, 'dist/loader_loader.js'))) return true;
    await sleep(1000);
  }
  return false;
}

/** Quotes a field as RFC 4180 does, only when it needs it (as the page). */
const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Counts the file by month × LSOA code × crime type with a plain split on
 *  newlines and commas — independent of every tool measured. Refuses a file
 *  with quotes or carriage returns, which a plain split would misread. */
async function countIndependently(path) {
  const counts = new Map();
  let header = null;
  let cols = null;
  let rows = 0;
  let rest = '';
  const line = (text) => {
    if (text === '') return;
    const f = text.split(',');
    if (header === null) {
      header = f;
      cols = ['Month', 'LSOA code', 'Crime type'].map((name) => f.indexOf(name));
      if (cols.includes(-1)) throw new Error(`unexpected header: ${text}`);
      return;
    }
    if (f.length !== header.length) throw new Error(`row ${rows + 1} has ${f.length} fields, not ${header.length}`);
    const key = `${quote(f[cols[0]])},${quote(f[cols[1]])},${quote(f[cols[2]])}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    rows += 1;
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
    if (chunk.includes('"') || chunk.includes('\r')) throw new Error('the file has quotes or CRs: a plain split cannot count it');
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const p of parts) line(p);
  }
  line(rest);
  const lines = [...counts].map(([key, n]) => `${key},${n}`).sort();
  return { rows, canonical: lines.join('\n'), cells: lines.length, total: rows };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** One origin: /bench/… from bench/ (the page and its node_modules), the
 *  rest proxied to the tests' server of dist/ (harness.mjs). */
async function serve(vs) {
  const dist = await serveDist();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const local = [['/bench/', BENCH], ...(vs ? [['/vs/', vs]] : [])].find(([prefix]) => path.startsWith(prefix));
    if (local) {
      const rel = normalize(path.slice(local[0].length)).replace(/^(\.\.[/\\])+/, '');
      const file = join(local[1], rel);
      if (!existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
      return;
    }
    const upstream = request(new URL(req.url, dist.url), { method: req.method, headers: req.headers }, (up) => {
      // Cacheable, as on a real host: the loader's fresh worker in each
      // timed run then finds its script and wasm in the browser's cache.
      res.writeHead(up.statusCode, up.statusCode === 200 ? { ...up.headers, 'cache-control': 'max-age=600' } : up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => { res.writeHead(502); res.end(String(err)); });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => { await new Promise((r) => server.close(r)); await dist.close(); },
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pad = (s, n) => String(s).padStart(n);

function firstDifference(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return `line ${i + 1}: node count "${a[i] ?? '(end)'}", this tool "${b[i] ?? '(end)'}" (${a.length} vs ${b.length} lines)`;
  }
  return 'none';
}

/** Splits CSV text into records (RFC 4180 quotes; no CRs expected). */
function csvRecords(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

/** CPU time (ms, user + system) used so far by the browser's processes,
 *  by kind: the browser's own process (which serves a File's bytes), the
 *  renderers (the page and its workers) and the rest; null where /proc
 *  is missing. Ticks are 10 ms: compare medians over runs. */
function browserCpu() {
  if (!existsSync('/proc/self/stat')) return null;
  const cpu = { browser: 0, renderer: 0, other: 0 };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    let stat;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (!/chrom/.test(cmd.split('\0')[0])) continue;
    const type = cmd.match(/--type=([a-z-]+)/)?.[1];
    const kind = type === undefined ? 'browser' : type === 'renderer' ? 'renderer' : 'other';
    // utime and stime: fields 14 and 15, counted after the command's ")".
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu[kind] += (Number(f[11]) + Number(f[12])) * 10;
  }
  return cpu;
}

/** Reads the file whole and drops the bytes, so that every tool starts
 *  with it in the page cache: this machine's cache lets go of a file
 *  within a minute (`fincore` showed 49 of its 208 MiB resident a minute
 *  after a run). The slow reads some rounds still show (reading alone
 *  0.9–1.7 s) are the browser's: `vmstat` saw no disk reads in them. */
function cacheFile(file) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

const CLI = join(ROOT, 'target/release/explorer-cli');
let nativeCanonical = null;

/** One run of the native `explorer-cli prepare` on the file, timed as a
 *  whole process (start-up included), with its counts in canonical form;
 *  `same` as for the page's tools. */
function runNative(file, dir) {
  const out = join(dir, 'native-counts.csv');
  const t0 = performance.now();
  const run = spawnSync(CLI, ['prepare', '--out', out, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`explorer-cli prepare failed: ${run.stderr}`);
  const [header, ...records] = csvRecords(readFileSync(out, 'utf8'));
  const at = ['month', 'area_code', 'category', 'count'].map((name) => header.indexOf(name));
  if (at.includes(-1)) throw new Error(`explorer-cli's counts have an unexpected header: ${header.join(',')}`);
  const canonical = records
    .map((r) => [r[at[0]], r[at[1]], r[at[2]], Number(r[at[3]])])
    .filter((r) => r[3] > 0)
    .map(([m, a, c, n]) => `${quote(m)},${quote(a)},${quote(c)},${n}`)
    .sort()
    .join('\n');
  nativeCanonical ??= canonical;
  return { ms, extra: {}, same: canonical === nativeCanonical };
}

/** Drop to first overview for a borough's year: the last 12 monthly
 *  Cleveland files in ../shared/data with the ONS lookup, restricted to
 *  Stockton-on-Tees by ward, through the app's own Load data page: from
 *  giving the page the files to the overview's headline on screen, with
 *  the two clicks made at once (what a person takes to choose is left
 *  out). Best of 3. */
async function dropToOverview(context, server) {
  const police = join(ROOT, '../shared/data/police-uk-cleveland');
  const lookup = join(ROOT, '../shared/data/ons/lsoa21_ward25_lad25_best_fit_lookup.csv');
  if (!existsSync(police) || !existsSync(lookup)) {
    console.log(`\ndrop to overview: skipped (${police} or the lookup is missing)`);
    return;
  }
  const files = readdirSync(police).filter((f) => f.endsWith('-street.csv')).sort().slice(-12).map((f) => join(police, f));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const times = [];
  let headline = '';
  for (let i = 0; i < 3; i += 1) {
    const page = await context.newPage();
    await page.goto(`${server.url}?page=load`);
    await page.getByTestId('load-input').waitFor();
    const t0 = Date.now();
    await page.getByTestId('load-input').setInputFiles([...files, lookup]);
    await page.getByTestId('load-within').fill('E06000004', { timeout: 60_000 });
    await page.getByTestId('load-within').press('Tab');
    await page.getByTestId('load-start').click();
    await page.getByTestId('current').waitFor({ timeout: 60_000 });
    times.push(Date.now() - t0);
    headline = await page.getByTestId('local-notice').textContent();
    await page.close();
  }
  const rows = headline.match(/= ([\d,]+) rows read/)?.[1] ?? '?';
  console.log(`\ndrop to overview (a borough's year: ${files.length} Cleveland files, ${fmt(bytes / 1e6, 1)} MB, ${rows} rows, `
    + `with the ONS lookup, Stockton-on-Tees by ward): best ${fmt(Math.min(...times))} ms, runs ${times.map((t) => fmt(t)).join(', ')} ms `
    + `(goal ≤ 1,000 ms: ${Math.min(...times) <= 1000 ? 'met' : 'NOT met'})`);
}

async function main() {
  const o = options(process.argv.slice(2));
  if (o.loader && !(await loaderBuilt())) {
    console.error(`${ROOT}dist/loader_loader.js is missing: build the release bundle first (./scripts/serve or `
      + './scripts/test build it; or trunk build --release --offline), or pass --no-loader to time the peers only.');
    process.exit(1);
  }
  for (const need of ['node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm', 'node_modules/papaparse/papaparse.min.js']) {
    if (!existsSync(join(BENCH, need))) {
      console.error(`bench/${need} is missing: run "npm ci --prefix bench" (scripts/bench-load does)`);
      process.exit(1);
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'cse-bench-load-'));
  const file = join(dir, 'bench-street.csv');
  process.once('SIGINT', () => { rmSync(dir, { recursive: true, force: true }); process.exit(130); });
  let server = null;
  let context = null;
  try {
    console.log(`generating ${fmt(o.rows)} rows (cargo run --release --example generate_policeuk)`);
    const gen = spawnSync('cargo', ['run', '--quiet', '--release', '--example', 'generate_policeuk', '--', file, String(o.rows)], { cwd: ROOT, stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('the generator failed');
    console.log('building explorer-cli (cargo build --release --bin explorer-cli)');
    const cli = spawnSync('cargo', ['build', '--quiet', '--release', '--bin', 'explorer-cli'], { cwd: ROOT, stdio: 'inherit' });
    if (cli.status !== 0) throw new Error('building explorer-cli failed');
    const bytes = statSync(file).size;
    const mb = bytes / 1e6;
    const truth = await countIndependently(file);
    console.log(`file: ${fmt(mb, 1)} MB (${fmt(bytes)} bytes), ${fmt(truth.rows)} rows; node's plain count: ${fmt(truth.cells)} cells, total ${fmt(truth.total)}`);

    server = await serve(o.vs);
    context = await launchBrowser({ args: ['--js-flags=--expose-gc'] });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    await page.goto(`${server.url}bench/load.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`the page did not start: ${errors.join('\n') || 'no error shown'}`);
    });
    const { product: browser } = await (await context.newCDPSession(page)).send('Browser.getVersion');
    console.log(`browser: ${browser}`);
    await page.setInputFiles('#file', file);

    const duckInfo = await page.evaluate(() => window.bench.duckdbInit());
    const duckNpm = JSON.parse(readFileSync(join(BENCH, 'node_modules/@duckdb/duckdb-wasm/package.json'), 'utf8')).version;
    const papaNpm = JSON.parse(readFileSync(join(BENCH, 'node_modules/papaparse/package.json'), 'utf8')).version;
    console.log(`DuckDB-wasm ${duckNpm} (DuckDB ${duckInfo.version}, "eh" bundle, one thread): instantiated in ${fmt(duckInfo.ms)} ms (not timed)`);

    const tools = [
      ...(o.loader ? [{ key: 'loader', name: "explorer's loader (its web worker)" }] : []),
      { key: 'duckdb', peer: 'DuckDB-wasm', name: `DuckDB-wasm ${duckNpm}, file reader` },
      { key: 'duckdb-buffer', peer: 'DuckDB-wasm', name: `DuckDB-wasm ${duckNpm}, file in a buffer` },
      { key: 'papa', peer: 'PapaParse', name: `PapaParse ${papaNpm}, page's thread` },
      { key: 'papa-worker', peer: 'PapaParse', name: `PapaParse ${papaNpm}, worker: true` },
      { key: 'native', name: 'explorer-cli prepare (native, whole process)' },
      ...(o.vs ? [{ key: 'loader-vs', name: `the loader of ${o.vs}` }] : []),
      { key: 'read', name: "reading alone (the loader's reader)", reads: true },
    ].filter((t) => !o.only || o.only.includes(t.key));
    const results = Object.fromEntries(tools.map((tool) => [tool.key, { ...tool, ms: [], extras: [], cpu: [] }]));
    // Interleaved: each round runs every tool once, starting one tool later
    // each round, so that a busy moment of a shared machine falls on all
    // tools alike and the ratios are taken within a round.
    for (let round = 0; round < o.runs; round += 1) {
      for (let k = 0; k < tools.length; k += 1) {
        const tool = tools[(round + k) % tools.length];
        // The browser's CPU is counted around its own tools only.
        const inBrowser = tool.key !== 'native';
        cacheFile(file);
        const cpu0 = inBrowser ? browserCpu() : null;
        const r = inBrowser ? await page.evaluate((key) => window.bench.run(key), tool.key) : runNative(file, dir);
        if (!r.same) throw new Error(`${tool.name}: run ${round + 1} gave a different answer from run 1`);
        results[tool.key].ms.push(r.ms);
        if (cpu0) {
          const cpu1 = browserCpu();
          results[tool.key].cpu.push(Object.fromEntries(Object.keys(cpu1).map((k) => [k, cpu1[k] - cpu0[k]])));
        }
        results[tool.key].extras.push(r.extra);
      }
      const line = tools.map((t) => `${t.key} ${fmt(results[t.key].ms[round])}`).join(', ');
      process.stdout.write(`  round ${round + 1}: ${line} ms\n`);
    }
    for (const r of Object.values(results)) {
      const canonical = r.key === 'native' ? nativeCanonical : await page.evaluate((key) => window.bench.canonical(key), r.key);
      const lines = canonical ? canonical.split('\n') : [];
      r.cells = lines.length;
      r.total = lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(',') + 1)), 0);
      // Reading alone counts nothing: it has no answer to compare.
      r.agrees = r.reads || canonical === truth.canonical;
      r.difference = r.agrees ? null : firstDifference(truth.canonical, canonical);
    }
    console.log([
      'timed (before each run the file is read by node, untimed, so that every tool finds it in the page cache):',
      ...(o.loader ? [
        '  the loader: a fresh worker each run, from posting "add" to "added" (the files table) and from posting',
        '    "start" to "done"; untimed: the wait for the worker to start ("ready", or 1.5 s: a message posted',
        '    before its wasm has loaded is lost) and 0.4 s between "added" and "start" (the reader choosing),',
        '    in which the worker warms up on a made-up file (its stage `warm_up`);',
      ] : []),
      '  DuckDB-wasm: registering the File (or reading it into an ArrayBuffer and registering that) to the',
      "    query's Arrow result (read_csv all_varchar, GROUP BY ALL); instantiation not timed;",
      '  PapaParse: Papa.parse(File, chunk callback) to complete, counting rows into a Map on the page',
      '    ("page\'s thread": no web worker; "worker: true": Papa parses in its worker and posts rows back).',
    ].join('\n'));
    if (results.loader) {
      const x = results.loader.extras.at(-1);
      console.log(`loader's own report, last run: ${x.report ?? '(none)'}; ${x.progressMessages} progress messages`
        + (x.ignoredMessages.length ? `; other messages ignored: ${x.ignoredMessages.join(', ')}` : ''));
    }

    console.log(`\nbest and median of ${o.runs} runs; MB = 10^6 bytes; ${fmt(mb, 1)} MB, ${fmt(truth.rows)} rows`);
    const W = 40;
    console.log(`${'tool'.padEnd(W)}${pad('best ms', 9)}${pad('median ms', 11)}${pad('MB/s', 7)}${pad('rows/s', 12)}${pad('cells', 10)}${pad('total', 12)}  answer`);
    console.log(`${"node's plain count (reference)".padEnd(W)}${' '.repeat(39)}${pad(fmt(truth.cells), 10)}${pad(fmt(truth.total), 12)}`);
    for (const r of Object.values(results)) {
      r.best = Math.min(...r.ms);
      r.median = median(r.ms);
      console.log(`${r.name.padEnd(W)}${pad(fmt(r.best), 9)}${pad(fmt(r.median), 11)}${pad(fmt(mb / (r.median / 1000)), 7)}${pad(fmt(truth.rows / (r.median / 1000)), 12)}`
        + (r.reads ? `${pad('', 22)}  (no count)` : `${pad(fmt(r.cells), 10)}${pad(fmt(r.total), 12)}  ${r.agrees ? 'same' : 'DIFFERS'}`));
    }
    console.log('(MB/s and rows/s at the median time)');
    const withCpu = Object.values(results).filter((r) => r.cpu.length);
    if (withCpu.length) {
      console.log("\nCPU of the browser's processes per run (user + system, 10 ms ticks; median ms): all = browser's own process + renderers (page, workers) + the rest");
      for (const r of withCpu) {
        const m = (k) => median(r.cpu.map((c) => (k ? c[k] : c.browser + c.renderer + c.other)));
        console.log(`  ${r.name.padEnd(W)}${pad(fmt(m()), 6)} = ${fmt(m('browser'))} + ${fmt(m('renderer'))} + ${fmt(m('other'))}   (wall ${fmt(r.median)})`);
      }
    }

    let ok = true;
    for (const r of Object.values(results)) {
      if (!r.agrees) {
        ok = false;
        console.log(`\n${r.name} differs from node's count: first difference at ${r.difference}`);
      }
    }
    // Each peer at its faster way: by median time, and round by round.
    const fastest = (peer) => Object.values(results).filter((r) => r.peer === peer).sort((a, b) => a.median - b.median)[0];
    const fasterIn = (peer, i) => Math.min(...Object.values(results).filter((r) => r.peer === peer).map((r) => r.ms[i]));
    const spread = (xs) => `${fmt(median(xs), 2)} (${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)})`;
    const duck = fastest('DuckDB-wasm');
    const papa = fastest('PapaParse');
    const loader = results.loader;
    const native = results.native;
    if (loader) {
      const rounds = loader.ms.map((_, i) => i);
      const speed = mb / (loader.median / 1000);
      const met = (yes) => (yes ? 'met' : 'NOT met');
      const ratios = [
        duck && ['DuckDB-wasm', "DuckDB-wasm's time / the loader's", rounds.map((i) => fasterIn('DuckDB-wasm', i) / loader.ms[i]), duck.median / loader.median, duck.name],
        papa && ['PapaParse', "PapaParse's time / the loader's", rounds.map((i) => fasterIn('PapaParse', i) / loader.ms[i]), papa.median / loader.median, papa.name],
        native && ['native', "the loader's time / native prepare's", rounds.map((i) => loader.ms[i] / native.ms[i]), loader.median / native.median, ''],
        results.read && ['read', "the loader's time / reading alone's", rounds.map((i) => loader.ms[i] / results.read.ms[i]), loader.median / results.read.median, ''],
        results.read && native && ['read-native', "reading alone's time / native prepare's (the floor of the native goal)", rounds.map((i) => results.read.ms[i] / native.ms[i]), results.read.median / native.median, ''],
        results['loader-vs'] && ['vs', `the loader's time / ${o.vs}'s`, rounds.map((i) => loader.ms[i] / results['loader-vs'].ms[i]), loader.median / results['loader-vs'].median, ''],
      ].filter(Boolean);
      console.log(`\nratios round by round, median (range) of ${o.runs}; each peer at its faster way in the round:`);
      for (const [, label, xs, ofMedians, name] of ratios) {
        console.log(`  ${label}: ${spread(xs)}   (medians' ratio ${fmt(ofMedians, 2)}${name ? `, ${name}` : ''})`);
      }
      const stages = Object.keys(loader.extras[0]?.stages ?? {});
      if (stages.length) {
        console.log("\nthe loader's stages (its worker's clock; median (range) ms of the runs; `reader` runs on its own thread, beside the rest):");
        for (const name of stages) {
          const xs = loader.extras.map((x) => x.stages[name]);
          const vs = results['loader-vs']?.extras.map((x) => x.stages?.[name]).filter((x) => x !== undefined) ?? [];
          console.log(`  ${name.padEnd(10)} ${pad(fmt(median(xs), 1), 8)} (${fmt(Math.min(...xs), 1)}–${fmt(Math.max(...xs), 1)})`
            + (vs.length ? `   ${o.vs}: ${pad(fmt(median(vs), 1), 8)} (${fmt(Math.min(...vs), 1)}–${fmt(Math.max(...vs), 1)})` : ''));
        }
      }
      const goal = (key) => ratios.find((r) => r[0] === key);
      if (ok && duck && papa && native) {
        const [d, p, n] = ['DuckDB-wasm', 'PapaParse', 'native'].map((k) => median(goal(k)[2]));
        console.log(`goals (medians of the rounds' ratios): ≥ ${GOALS.mbPerS} MB/s ${met(speed >= GOALS.mbPerS)} (${fmt(speed)}); `
          + `≥ ${GOALS.vsDuckdb}× DuckDB-wasm ${met(d >= GOALS.vsDuckdb)} (${fmt(d, 2)}×); `
          + `≥ ${GOALS.vsPapa}× PapaParse ${met(p >= GOALS.vsPapa)} (${fmt(p, 2)}×); `
          + `≤ ${GOALS.vsNative}× native ${met(n <= GOALS.vsNative)} (${fmt(n, 2)}×)`);
      } else {
        console.log(ok ? 'goals: not assessed (not every tool ran)' : 'goals: not assessed, the answers differ');
      }
    } else if (duck && papa) {
      console.log(`\nloader skipped (--no-loader): no ratios, goals not assessed; ${papa.name} / ${duck.name} = ${fmt(papa.median / duck.median, 2)}`);
    }
    if (!o.only) await dropToOverview(context, server);
    if (errors.length) console.log(`\npage errors:\n${errors.join('\n')}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench-load: ${err.message ?? err}`);
  process.exitCode = 1;
});
