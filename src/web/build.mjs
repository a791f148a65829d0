// Bundles the CodeMirror binding (codemirror.js) and CodeMirror itself into one ES module
// the demo page loads: target/classes/public/codemirror.js, on the server's classpath next
// to the page's own files. A build output, never committed; bin/setup.sh runs this when a
// source or the lock file is newer than the bundle. Usage: node src/web/build.mjs
// [--no-minify] [outfile] (--no-minify keeps CodeMirror's names, for profiles).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

// CodeMirror's styles under the server's Content-Security-Policy (style-src 'self', no
// 'unsafe-inline', no nonce: docs/protocol.md, "Browser-facing rules"). CodeMirror mounts
// its themes with style-mod, which writes a <style> element into a document's head (the
// CSP refuses it: the editor would lose its layout) and uses a constructed stylesheet in
// document.adoptedStyleSheets only inside a shadow root. Rules added to a constructed
// stylesheet are CSSOM, which the CSP allows, so the bundle takes that branch for the
// document too. The test is matched exactly: a style-mod whose code differs fails the build
// instead of shipping a page whose editor is unstyled.
const STYLE_MOD_BRANCH = 'if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {';
const adoptedStyleSheets = {
  name: 'style-mod-adopted-sheets',
  setup(b) {
    b.onLoad({ filter: /[\\/]style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(STYLE_MOD_BRANCH)) {
        throw new Error(`style-mod changed: '${STYLE_MOD_BRANCH}' not found in ${args.path}; see build.mjs`);
      }
      return { contents: source.replace(STYLE_MOD_BRANCH, 'if (root.adoptedStyleSheets && win.CSSStyleSheet) {'), loader: 'js' };
    });
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const minify = !args.includes('--no-minify');
const outfile = args.find((a) => !a.startsWith('--')) ?? resolve(here, '../../target/classes/public/codemirror.js');
await build({
  entryPoints: [resolve(here, 'codemirror.js')],
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify,
  sourcemap: false,
  legalComments: 'eof',
  outfile,
  logLevel: 'warning',
  plugins: [adoptedStyleSheets],
});
console.log(`coedit: bundled CodeMirror into ${outfile}`);
