// Trunk post-build step (scripts/post-build.mjs, before compress.mjs):
// stamps the service worker (public/sw.js, copied to dist/sw.js) with this
// build's list of app files and a version, a hash of the worker's own code
// and of those files' names and contents. A new deploy therefore has a new
// sw.js, which the browser installs on the next online visit, replacing
// the old build's cache.
//
// The app files are everything at the top of the build and under icons/
// and i18n/ that a page or the loading worker asks for: index.html, the
// scripts, wasm, styles, the web app manifest, icons and the languages'
// catalogues. Not the datasets (data/:
// the worker keeps those a visitor opens), not the precompressed copies
// (.br, .gz: a host sends them in the files' place), not sw.js itself,
// not embed.js (a partner's page loads it from its own page, online).
//   node scripts/offline.mjs [DIR]   (default: $TRUNK_STAGING_DIR)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const NOT_APP = new Set(['sw.js', 'embed.js']);
const COPY = /\.(br|gz)$/;
// The one line of sw.js this step writes.
const BUILD_LINE = /^const BUILD = \{.*\};$/m;

/** The app files of the build in `dir`, as sorted relative paths. */
export function appFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'icons' || name === 'i18n') {
        for (const f of readdirSync(path)) if (!COPY.test(f)) files.push(`${name}/${f}`);
      }
      continue;
    }
    if (!NOT_APP.has(name) && !COPY.test(name)) files.push(name);
  }
  return files.sort();
}

/** The build in `dir`: its app files and its version, the first 16 hex
 *  digits of a SHA-256 of the worker's code (without the stamped line) and
 *  of each file's name and contents; and the worker's code. Throws when
 *  sw.js has no line to stamp. */
export function buildOf(dir) {
  const sw = join(dir, 'sw.js');
  const code = readFileSync(sw, 'utf8');
  if (!BUILD_LINE.test(code)) throw new Error(`${sw} has no "const BUILD = {…};" line to stamp`);
  const files = appFiles(dir);
  const hash = createHash('sha256');
  hash.update(code.replace(BUILD_LINE, ''));
  for (const f of files) {
    hash.update(`\n${f}\n`);
    hash.update(readFileSync(join(dir, f)));
  }
  return { version: hash.digest('hex').slice(0, 16), files, code };
}

/** Writes the build's version and files into `dir`/sw.js (again, if it
 *  was stamped before); returns them. */
export function stamp(dir) {
  const { version, files, code } = buildOf(dir);
  writeFileSync(join(dir, 'sw.js'), code.replace(BUILD_LINE, `const BUILD = ${JSON.stringify({ version, files })};`));
  return { version, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('offline.mjs: TRUNK_STAGING_DIR is not set (run as a trunk post_build hook, or give the folder)');
    process.exit(1);
  }
  try {
    const { version: v, files } = stamp(dir);
    console.log(`offline.mjs: sw.js stamped with version ${v}, ${files.length} app files`);
  } catch (e) {
    console.error(`offline.mjs: ${e.message}`);
    process.exit(1);
  }
}
