// Start-up (issue 4): `onegate vm show` over http loads node:net and no Node module that only https, node:http,
// spawning or fs.promises need. Observed through process.moduleLoadList, written at exit by a preload; the timings
// themselves are measured by scripts/bench/cli.mjs, not asserted here.
// Once, not per server version: the modules loaded are the client's; the server only has to answer GET /vm.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index';
import { tempDir } from '../../support/temp-dir';
import { runCli, startWorld, vmEnv } from './helpers';

/** Modules that a plain-http `vm show` must not load (each was loaded before the start-up work). */
const NOT_NEEDED = ['http', 'https', 'tls', 'crypto', 'child_process', 'internal/fs/promises', 'internal/blocklist'];

describe('start-up: modules loaded by vm show', () => {
  let sim: Simulator;
  let dir: string;
  let preload: string;
  const modules = (): string[] =>
    readFileSync(join(dir, 'modules.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('NativeModule '))
      .map((l) => l.slice('NativeModule '.length));
  const run = (env: Record<string, string>) => runCli(['vm', 'show'], { NODE_OPTIONS: `--require ${preload}`, ...env });

  beforeAll(async () => {
    sim = await startWorld();
    dir = tempDir('onegate-startup-');
    preload = join(dir, 'preload.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(join(dir, 'modules.txt'))}, process.moduleLoadList.join('\\n')));\n`,
    );
  });
  afterAll(async () => {
    await sim.close();
  });

  it('credentials from the environment: only what node:net needs', async () => {
    const r = await run(vmEnv(sim, 42) as Record<string, string>);
    expect(r.status).toBe(0);
    expect(modules()).toContain('net');
    expect(modules().filter((m) => NOT_NEEDED.includes(m))).toEqual([]);
  });

  it('credentials by discovery (/context, no blkid on PATH): no crypto, child_process or fs.promises', async () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'context'), { recursive: true });
    writeFileSync(join(root, 'context/context.sh'), `ONEGATE_ENDPOINT='${sim.url}'\nVMID='42'\nTOKEN='YES'\n`);
    writeFileSync(join(root, 'context/token.txt'), `${sim.tokenFor(42)}\n`);
    const r = await run({ PATH: '/nonexistent', ONEGATE_CONTEXT_ROOT: root });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^VM 42\n/);
    expect(modules().filter((m) => NOT_NEEDED.includes(m))).toEqual([]);
  });

  it('an https endpoint does load node:tls (and still not node:https)', async () => {
    const r = await run({ ONEGATE_ENDPOINT: 'https://127.0.0.1:1', VMID: '42', TOKENTXT: 't' });
    expect(r.status).not.toBe(0); // nothing listens there
    expect(modules()).toContain('tls');
    expect(modules()).not.toContain('https');
  });
});
