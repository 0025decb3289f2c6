// Runtime bake-off (issue 15): the Node single executable (dist/onegate-agent-linux-x64, `npm run package --
// --arch x64 --formats sea`) against Bun's compiled executables of the same bundles, per role and with the
// same workload: the CLI through cli.mjs (interleaved runs, warm then cold page cache), the daemon through
// agent.mjs (an accelerated soak: a 1 s interval standing for 60 s, so 20 minutes are 20 hours of cycles;
// RSS drift and CPU), then the size of each executable, plain and xz -9.
// Bun is not a dependency: BENCH_BUN names its executable (`npm i bun@1.4.4` in a scratch directory gives
// node_modules/bun/bin/bun.exe); without it, or without the single executable, this bench says so and
// skips. Bun runs dist/onegate.cjs and dist/onegate-agent.cjs (the multicall entry needs node:sea, which Bun
// lacks). Environment: RUNTIME_SOAK_SECONDS per daemon (default 1200), RUNTIME_CLI_RUNS (default 11).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../../', import.meta.url).pathname;
const sea = join(repo, 'dist/onegate-agent-linux-x64');
const bun = process.env.BENCH_BUN;
const soakSeconds = process.env.RUNTIME_SOAK_SECONDS ?? '1200';
const cliRuns = process.env.RUNTIME_CLI_RUNS ?? '11';

if (!existsSync(sea) || !bun || !existsSync(bun)) {
  console.log('runtime bake-off skipped: needs dist/onegate-agent-linux-x64 and BENCH_BUN=<bun executable>');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'onegate-bench-runtime-'));
try {
  // One directory per runtime: the benches label rows by directory name.
  const exe = (runtime, name) => join(dir, runtime, name);
  for (const runtime of ['node-sea', 'bun']) mkdirSync(join(dir, runtime));
  copyFileSync(sea, exe('node-sea', 'onegate-agent'));
  for (const [bundle, name] of [
    ['dist/onegate.cjs', 'onegate'],
    ['dist/onegate-agent.cjs', 'onegate-agent'],
  ])
    execFileSync(bun, ['build', '--compile', '--minify', join(repo, bundle), '--outfile', exe('bun', name)], { stdio: 'ignore' });
  const version = execFileSync(bun, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`Bun ${version} against the Node single executable; soak ${soakSeconds} s per daemon; ${cliRuns} CLI runs`);
  const bench = (script, env) =>
    execFileSync(process.execPath, [join(repo, 'scripts/bench', script), ...(env.args ?? [])], {
      stdio: 'inherit',
      env: { ...process.env, ...env.vars },
    });
  const clis = `${exe('node-sea', 'onegate-agent')}:${exe('bun', 'onegate')}`;
  for (const cold of ['0', '1']) {
    console.log(`\n### CLI, ${cold === '1' ? 'cold' : 'warm'} page cache`);
    bench('cli.mjs', { args: [cliRuns], vars: { BENCH_SEA: clis, BENCH_COLD: cold } });
  }
  console.log('\n### daemon soak');
  bench('agent.mjs', {
    vars: { AGENT_EXE: `${exe('node-sea', 'onegate-agent')}:${exe('bun', 'onegate-agent')}`, AGENT_RUNS: '3', AGENT_SECONDS: soakSeconds },
  });
  console.log('\n| executable | MB | xz -9 MB |\n|---|---|---|');
  for (const [runtime, name] of [
    ['node-sea', 'onegate-agent'],
    ['bun', 'onegate'],
    ['bun', 'onegate-agent'],
  ]) {
    const file = exe(runtime, name);
    const xz = execFileSync('sh', ['-c', 'xz -9 -T1 -c "$1" | wc -c', 'sh', file], { encoding: 'utf8' });
    const mb = (bytes) => (bytes / 1048576).toFixed(1);
    console.log(`| ${runtime}/${name} | ${mb(statSync(file).size)} | ${mb(Number(xz))} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
