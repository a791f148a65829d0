// Bundles the CodeMirror binding (codemirror.js) and CodeMirror itself into one ES module
// the demo page loads: target/classes/public/codemirror.js, on the server's classpath next
// to the page's own files. A build output, never committed; bin/setup.sh runs this when a
// source or the lock file is newer than the bundle. Usage: node src/web/build.mjs [outfile]
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = process.argv[2] ?? resolve(here, '../../target/classes/public/codemirror.js');
await build({
  entryPoints: [resolve(here, 'codemirror.js')],
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  outfile,
  logLevel: 'warning',
});
console.log(`coedit: bundled CodeMirror into ${outfile}`);
