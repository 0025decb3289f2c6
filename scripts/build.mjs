// Bundles each entry point into one CommonJS file under dist/ (a SEA needs a single CJS script).
// Code that a command needs only sometimes is loaded with a lazy require()/import() inside functions:
// esbuild keeps such modules in lazily-initialised wrappers, so start-up pays only for what runs.

import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const entries = {
  onegate: 'cli/onegate/main.ts',
  'onegate-agent': 'cli/agent/main.ts',
  lib: 'agent/index.ts',
  // One executable serving both programs by the name it is started under (packaging/build.sh).
  multicall: 'cli/multicall.ts',
};

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
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
}
