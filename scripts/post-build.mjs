// Trunk's one post-build hook: runs the build's last steps in order (trunk
// may run several hooks of a stage at once, and these depend on each
// other): the CSP and loader file (csp.mjs), the list of datasets
// (datasets.mjs), the languages' catalogues in key order (catalogues.mjs),
// the service worker stamped with the build's files and version
// (offline.mjs, which must see index.html, the loader file and the
// catalogues as they end), then the precompressed copies of everything
// (compress.mjs), which must see the others' files as they end.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
for (const step of ['csp.mjs', 'datasets.mjs', 'catalogues.mjs', 'offline.mjs', 'compress.mjs']) {
  execFileSync(process.execPath, [join(here, step)], { stdio: 'inherit', env: process.env });
}
