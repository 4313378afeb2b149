// The languages' catalogues as the browser reads them: each
// `i18n/<code>.txt` (lines `Key = text`, as translators write them) is
// written to `dist/i18n/<code>.txt` as one text per line in the order of
// the English catalogue's keys (`src/i18n/en.rs`), an empty line where a
// key has no text (the page then shows the English). The bundle then
// needs no copy of the keys (~2 KB gzip). A key the English catalogue does
// not have fails the build, naming the file and line.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const english = readFileSync(join(root, 'src/i18n/en.rs'), 'utf8');
const block = english.slice(english.indexOf('messages! {'));
const keys = [...block.matchAll(/^\s+(\w+) = "/gm)].map((m) => m[1]);
const out = join(process.env.TRUNK_STAGING_DIR ?? join(root, 'dist'), 'i18n');
mkdirSync(out, { recursive: true });
for (const file of readdirSync(join(root, 'i18n')).filter((f) => f.endsWith('.txt'))) {
  const texts = new Map();
  readFileSync(join(root, 'i18n', file), 'utf8').split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const at = t.indexOf('=');
    const key = t.slice(0, at).trim();
    if (at < 0 || !keys.includes(key)) {
      throw new Error(`i18n/${file}, line ${i + 1}: "${key}" is not a key of src/i18n/en.rs`);
    }
    texts.set(key, t.slice(at + 1).trim());
  });
  writeFileSync(join(out, file), keys.map((k) => texts.get(k) ?? '').join('\n') + '\n');
}
