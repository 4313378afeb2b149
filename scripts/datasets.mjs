// Trunk post-build hook: lists the deployed datasets (every data/<name>/
// with a manifest.json) in data/index.json, for the dataset control:
//   [{"name": "cleveland", "title": "…", "title_cy": "…"}, …]  (the
// default dataset, cleveland, first; then by title; "title_cy", the
// manifest's Welsh title, only when it has one: the menu shows it under
// ?lang=cy)
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
    if (typeof m.title !== 'string') continue;
    const entry = { name, title: m.title };
    if (typeof m.title_cy === 'string' && m.title_cy.trim() !== '') entry.title_cy = m.title_cy;
    list.push(entry);
  } catch (e) {
    console.error(`datasets.mjs: skipping ${name}: ${manifest} is not valid JSON (${e.message})`);
  }
}
const FIRST = 'cleveland'; // the app's default (src/state/mod.rs)
list.sort((a, b) => (a.name === FIRST ? -1 : b.name === FIRST ? 1 : a.title.localeCompare(b.title)));
writeFileSync(join(data, 'index.json'), JSON.stringify(list, null, 1) + '\n');
