// A static host for dist/, as a production one is set up: it sends the
// precompressed copy (`.br`, else `.gz`, written by scripts/compress.mjs)
// when the browser accepts it, with `Content-Encoding` and `Vary:
// Accept-Encoding`, and the file as it is otherwise; it compresses nothing
// on the fly. Used by scripts/serve and scripts/bench-phone.
//   node scripts/static-host.mjs [DIR] [PORT]   (default: dist 8080)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Starts the host on 127.0.0.1:`port` (0: any free port); resolves to
 *  { url, close }. */
export async function host(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = normalize(path).replace(/^(\.\.[/\\])+/, '').replace(/^\/+/, '');
    let file = join(root, rel || 'index.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const accepts = req.headers['accept-encoding'] ?? '';
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      vary: 'Accept-Encoding',
      'cache-control': 'no-cache',
    };
    let body;
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (new RegExp(`\\b${encoding}\\b`).test(accepts) && existsSync(file + ext)) {
        body = readFileSync(file + ext);
        headers['content-encoding'] = encoding;
        break;
      }
    }
    body ??= readFileSync(file);
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`static-host: ${dir}/index.html is missing; build first`);
    process.exit(1);
  }
  const { url } = await host(dir, port);
  console.log(`[serve] ${url} (precompressed files as a static host sends them; Ctrl-C to stop)`);
}
