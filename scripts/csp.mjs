// Trunk post-build hook: moves trunk's inline module loader into a file and
// adds the Content-Security-Policy as a <meta> tag, so the app runs under
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// with no inline script. Fails the build if any inline script remains.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

// plotters measures text on a canvas page by giving a hidden <span> a style
// attribute; these are the only inline styles allowed, pinned by hash (one
// per chart font size, 11 and 13 px: src/chart/*.rs). Any other inline
// style is blocked (and the end-to-end tests fail on any violation).
const MEASURING_STYLES = [11, 13].map(
  (px) => `display: inline-block; font-family:sans-serif; font-style:normal; font-size: ${px}px; position: fixed; top: 100%`,
);
const styleHashes = MEASURING_STYLES.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  `style-src 'self' 'unsafe-hashes' ${styleHashes.join(' ')}`,
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run as a trunk post_build hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const code = m[1].trim() + '\n';
  const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('csp.mjs: an inline <script> remains in index.html; the CSP would block it');
  process.exit(1);
}
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
writeFileSync(file, html);
