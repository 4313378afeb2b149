// Trunk post-build hook: lists the deployed datasets (every data/<name>/
// with a manifest.json) in data/index.json, for the dataset control:
//   [{"name": "cleveland", "title": "…"}, …]  (the default dataset,
// cleveland, first; then by title)
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('datasets.mjs: TRUNK_STAGING_DIR is not set (run as a trunk post_build hook)');
  process.exit(1);
}
const data = join(dir, 'data');
const list = [];
for (const name of existsSync(data) ? readdirSync(data) : []) {
  const manifest = join(data, name, 'manifest.json');
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !existsSync(manifest)) continue;
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8').replace(/^\uFEFF/, ''));
    if (typeof m.title === 'string') list.push({ name, title: m.title });
  } catch (e) {
    console.error(`datasets.mjs: skipping ${name}: ${manifest} is not valid JSON (${e.message})`);
  }
}
const FIRST = 'cleveland'; // the app's default (src/state/mod.rs)
list.sort((a, b) => (a.name === FIRST ? -1 : b.name === FIRST ? 1 : a.title.localeCompare(b.title)));
writeFileSync(join(data, 'index.json'), JSON.stringify(list, null, 1) + '\n');
