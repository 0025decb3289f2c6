// Bundles each entry point into one CommonJS file under dist/ (a SEA needs a single CJS script).
// Code that a command needs only sometimes is loaded with a lazy require()/import() inside functions:
// esbuild keeps such modules in lazily-initialised wrappers, so start-up pays only for what runs.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const entries = {
  'onegate': 'cli/onegate/main.ts',
  'onegate-agent': 'cli/agent/main.ts',
  'lib': 'agent/index.ts',
  // One executable serving both programs by the name it is started under (packaging/build.sh).
  'multicall': 'cli/multicall.ts',
};

export async function buildAll({ minify = true } = {}) {
  await Promise.all(Object.entries(entries).map(([name, entry]) => build({
    entryPoints: [entry],
    outfile: `dist/${name}.cjs`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(pkg.version) },
  })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
}
