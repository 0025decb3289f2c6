// Bundles each entry point into one CommonJS file under dist/ (a SEA needs a single CJS script).
// Code that a command needs only sometimes is loaded with a lazy require()/import() inside functions:
// esbuild keeps such modules in lazily-initialised wrappers, so start-up pays only for what runs.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const entries = {
  onegate: 'cli/onegate/main.ts',
  'onegate-agent': 'cli/agent/main.ts',
  lib: 'agent/index.ts',
  // One executable serving both programs by the name it is started under (packaging/build.sh).
  multicall: 'cli/multicall.ts',
  // The simulator as a command of its own (the npm package's onegate-sim); it starts itself on load.
  'onegate-sim': 'test/simulator/main.ts',
};

// The bundles npm links as commands start with a #! line. The others must not: the single executable
// compiles dist/onegate.cjs and dist/onegate-agent.cjs inside a function wrapper, where #! is a syntax
// error, so npm reaches those two through bin/*.cjs.
const hashbang = new Set(['onegate-sim']);

// The simulator's default world, read at run time from beside the bundle (test/simulator/world/fixtures.ts).
const simulatorWorld = ['test/fixtures/simulator/default.yaml', 'dist/onegate-sim/default.yaml'];

// The single executable's main script: the same multicall entry without the programs, which the
// executable carries as separate assets (dist/onegate.cjs, dist/onegate-agent.cjs) and loads by name.
const seaMain = { entry: 'cli/multicall.ts', external: ['./onegate/main', './agent/main'] };

export async function buildAll({ minify = true } = {}) {
  const outputs = [...Object.entries(entries).map(([name, entry]) => [name, { entry, external: [] }]), ['sea-main', seaMain]];
  await Promise.all(
    outputs.map(([name, { entry, external }]) =>
      build({
        entryPoints: [entry],
        outfile: `dist/${name}.cjs`,
        external,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'warning',
        define: { __VERSION__: JSON.stringify(pkg.version) },
        banner: hashbang.has(name) ? { js: '#!/usr/bin/env node' } : undefined,
      }),
    ),
  );
  mkdirSync('dist/onegate-sim', { recursive: true });
  copyFileSync(...simulatorWorld);
}

/** The client library's declarations for the npm package, into a fresh dist/types so no stale file is packed. */
export function buildTypes() {
  rmSync('dist/types', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
}

// `node scripts/build.mjs [--types]`; npm pack runs it with --types (package.json's prepack).
if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
  if (process.argv.includes('--types')) buildTypes();
}
