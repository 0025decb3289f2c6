// doctor beside a running daemon (the built program, spawned by the harness): the agent check finds it as
// `status` does, and doctor's own requests leave the daemon alone.
import { describe, expect, it } from 'vitest';
import { runAgentCli, startHarness, waitFor } from '../../../agent/daemon/harness';
import { perTest } from '../../../support/per-test';

const h = perTest(() => startHarness());

describe('onegate-agent doctor with the daemon running', () => {
  it('reports the daemon running, holding the lock, READY reported; exit 0', async () => {
    const config = h.config();
    const ctx = h.context({ REPORT_READY: 'YES' });
    const agent = h.run(['--config', config, '--context-dir', ctx]);
    await waitFor(() => h.status().ready?.status === 'reported', 8000, 'READY reported');
    const r = await runAgentCli(['doctor', '--json', '--config', config, '--context-dir', ctx]);
    const json = JSON.parse(r.stdout);
    const check = json.checks.find((c: { name: string }) => c.name === 'agent');
    expect(check.verdict, r.stdout).toBe('ok');
    expect(check.evidence).toMatch(
      new RegExp(`^pid ${agent.child.pid} \\(version .*\\) running since .*, holds the state_dir lock; READY reported$`),
    );
    expect(r.code).toBe(0);
    expect(agent.child.exitCode).toBeNull();
    expect(r.stdout + r.stderr).not.toContain(h.sim.tokenFor(42));
    agent.child.kill('SIGTERM');
    await agent.exited;
    const after = JSON.parse((await runAgentCli(['doctor', '--json', '--config', config, '--context-dir', ctx])).stdout);
    expect(after.checks.find((c: { name: string }) => c.name === 'agent')).toMatchObject({ verdict: 'warn' });
    expect(after.exitCode).toBe(1);
  });
});
