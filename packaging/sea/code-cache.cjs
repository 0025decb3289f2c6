// node code-cache.cjs SEA_MAIN BUNDLE OUT: writes V8's code cache for BUNDLE (dist/onegate.cjs or
// dist/onegate-agent.cjs) to OUT. Run by the very Node binary the executable is made from (the arm64 one
// under qemu-aarch64), with no NODE_OPTIONS: V8 accepts a cache only from the same version, architecture
// and flags. The bundle is compiled through SEA_MAIN's own runCommonJS, so the cache is made for the exact
// text the executable compiles, and its top level is run first, so that the functions it calls at load
// are in the cache too (createCachedData takes every function compiled so far).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const [seaMain, bundle, out] = process.argv.slice(2);
if (!out) {
  process.stderr.write('usage: code-cache.cjs SEA_MAIN BUNDLE OUT\n');
  process.exit(2);
}
const { runCommonJS } = require(seaMain);
const { script } = runCommonJS(readFileSync(bundle, 'utf8'), require('node:path').basename(bundle), require);
writeFileSync(out, script.createCachedData());
