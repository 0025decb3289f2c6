// `onegate` commands that change the VM or its service touch the local agent's run_dir/wake (docs/pull.md);
// the rest never do, and a missing run_dir changes nothing.
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wakeFile } from '../../../cli/onegate/wake';
import { perSuite } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { tempDir } from '../../support/temp-dir';
import { runCli, startWorld, vmEnv } from './helpers';

const LONG_AGO = new Date('2020-01-01T00:00:00Z');

/** A run_dir whose wake file (when `withFile`) is old, so a touch shows as a newer mtime. */
function runDir(withFile: boolean): { dir: string; wake: string } {
  const dir = tempDir('oga-wake-');
  const wake = join(dir, 'wake');
  if (withFile) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(wake, '');
    utimesSync(wake, LONG_AGO, LONG_AGO);
  }
  return { dir, wake };
}
const touched = (wake: string): boolean => existsSync(wake) && statSync(wake).mtimeMs > LONG_AGO.getTime();

describe.each(SERVER_VERSIONS)('onegate wakes the local agent (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));

  it.each([
    ['vm update --data', ['vm', 'update', '--data', 'A=1']],
    ['vm update --erase', ['vm', 'update', '--erase', 'A']],
    ['service scale', ['service', 'scale', '--role', 'web', '--cardinality', '3']],
  ])('%s touches run_dir/wake', async (_name, args) => {
    const { dir, wake } = runDir(true);
    const r = await runCli(args, vmEnv(sim, 42, { ONEGATE_AGENT_RUN_DIR: dir }));
    expect(r.stderr).toBe('');
    expect(touched(wake)).toBe(true);
  });

  it('a wake file that does not exist yet is created', async () => {
    const { dir, wake } = runDir(false);
    mkdirSync(dir, { recursive: true });
    await runCli(['vm', 'update', '--data', 'A=1'], vmEnv(sim, 42, { ONEGATE_AGENT_RUN_DIR: dir }));
    expect(existsSync(wake)).toBe(true);
  });

  it('reading commands and failed changes leave it alone', async () => {
    const { dir, wake } = runDir(true);
    const env = vmEnv(sim, 42, { ONEGATE_AGENT_RUN_DIR: dir });
    expect((await runCli(['vm', 'show', '--json'], env)).status).toBe(0);
    expect((await runCli(['service', 'show'], env)).status).toBe(0);
    sim.setFault({ route: '/vm', kind: 'status', status: 500, body: 'down' });
    try {
      expect((await runCli(['vm', 'update', '--data', 'A=1'], env)).status).not.toBe(0);
    } finally {
      sim.clearFaults();
    }
    expect(touched(wake)).toBe(false);
  });

  it('without the run_dir nothing is created and the command succeeds as before', async () => {
    const dir = join(tempDir('oga-wake-'), 'absent');
    const r = await runCli(['vm', 'update', '--data', 'A=1'], vmEnv(sim, 42, { ONEGATE_AGENT_RUN_DIR: dir }));
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(dir)).toBe(false);
  });
});

describe('wakeFile', () => {
  it('is in the default run_dir of the platform unless ONEGATE_AGENT_RUN_DIR says otherwise', () => {
    expect(wakeFile({}, { platform: 'linux', env: {} })).toBe('/run/onegate-agent/wake');
    expect(wakeFile({ ONEGATE_AGENT_RUN_DIR: '/srv/run' }, { platform: 'linux', env: {} })).toBe('/srv/run/wake');
    expect(wakeFile({}, { platform: 'win32', env: { ProgramData: 'D:\\Data' } })).toBe('D:\\Data\\onegate-agent\\run\\wake');
  });
});
