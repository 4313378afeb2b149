// Trunk post-build hook (the last one): writes precompressed copies beside
// every file a browser downloads as text or wasm — `x.br` (Brotli, best)
// and `x.gz` (gzip, best) — so that a static host can send them as they
// are (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`) instead
// of compressing on every request, or not at all. scripts/static-host.mjs
// serves them that way. A copy is skipped when it would not be smaller.
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('compress.mjs: TRUNK_STAGING_DIR is not set (run as a trunk post_build hook, or give the folder)');
  process.exit(1);
}
// A file this large (a whole country's counts: 116 MB) is compressed at
// Brotli quality 5, not 11: 2 s instead of 4 minutes, 11.4 MB instead of
// 8.0 (quality 9 took 9 s for 11.7 MB).
const LARGE = 16 * 1024 * 1024;
const LARGE_QUALITY = 5;
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.csv', '.geojson', '.svg', '.txt', '.webmanifest']);

let files = 0;
let before = 0;
let after = 0;
function walk(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(path);
    const variants = [
      ['.br', brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: body.length > LARGE ? LARGE_QUALITY : constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })],
      ['.gz', gzipSync(body, { level: 9 })],
    ];
    files++;
    before += body.length;
    let best = body.length;
    for (const [ext, packed] of variants) {
      if (packed.length < body.length) {
        writeFileSync(path + ext, packed);
        best = Math.min(best, packed.length);
      } else if (existsSync(path + ext)) {
        unlinkSync(path + ext);
      }
    }
    after += best;
  }
}
walk(dir);
console.log(`compress.mjs: ${files} files, ${(before / 1024).toFixed(1)} KB -> ${(after / 1024).toFixed(1)} KB as sent with Brotli`);
