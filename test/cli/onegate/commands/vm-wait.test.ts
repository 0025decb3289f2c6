import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vm wait KEY=VALUE [VMID] (extension) (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));

  it('returns at once when the attribute already has the value', async () => {
    expect(await runCli(['vm', 'wait', 'READY=YES', '43'], vmEnv(sim, 42))).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('waits until another process sets the attribute', async () => {
    const waiting = runCli(['vm', 'wait', 'PHASE=done', '--timeout', '20'], vmEnv(sim, 42));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await runCli(['vm', 'update', '--data', 'PHASE=done'], vmEnv(sim, 42))).status).toBe(0);
    expect(await waiting).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(sim.requests.filter((q) => q.method === 'GET' && q.path === '/vm').length).toBeGreaterThan(1);
  });

  it('exits 1 after --timeout, naming the last value', async () => {
    const started = Date.now();
    const r = await runCli(['vm', 'wait', 'DESCRIPTION=backend', '--timeout', '3'], vmEnv(sim, 42));
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: timed out after 3 s waiting for DESCRIPTION=backend (last value: "frontend")\n',
    });
    expect(Date.now() - started).toBeLessThan(12_000);
  });

  it('ends at once on a 4xx (wrong token) instead of waiting', async () => {
    const r = await runCli(['vm', 'wait', 'READY=YES', '--timeout', '20'], vmEnv(sim, 42, { TOKENTXT: 'wrong' }));
    expect(r).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \nNot authorized\n' });
  });

  it('needs KEY=VALUE', async () => {
    expect(await runCli(['vm', 'wait', 'READY'], vmEnv(sim, 42))).toEqual({
      status: 255,
      stdout: '',
      stderr: 'You have to provide the condition as KEY=VALUE\n',
    });
  });
});
