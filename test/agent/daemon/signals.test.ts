// SIGHUP and SIGTERM on the spawned daemon.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { tempDir } from '../../support/temp-dir';
import { runAgentCli, startHarness, waitFor } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  describe('SIGHUP', () => {
    it('applies a good new file, keeps pending work, and keeps the old configuration on a bad file', async () => {
      const config = h.config({ attributes: { directory: h.attrs, static: { ROLE: 'a' } }, push: { heartbeat_cycles: 0 } });
      const agent = h.run(['--config', config, '--context-dir', h.context({})]);
      await waitFor(() => h.puts().length === 1, 8000, 'the first push');
      expect(h.puts()[0]).toEqual({ ROLE: 'a' });

      // Pending work survives a reload: fail the push, reload, recover.
      h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 500 });
      h.setAttrs('QUEUE=7\n');
      await waitFor(() => h.status().push?.pending?.includes('QUEUE'), 5000, 'QUEUE pending');
      h.config({ attributes: { directory: h.attrs, static: { ROLE: 'b' } }, push: { heartbeat_cycles: 0 } });
      agent.child.kill('SIGHUP');
      await waitFor(() => agent.lines.some((l) => l.includes('reloading configuration')), 3000, 'the reload');
      h.sim.clearFaults();
      const userTemplate = () => h.sim.vm(42).USER_TEMPLATE as Record<string, string>;
      await waitFor(() => userTemplate().ROLE === 'b' && userTemplate().QUEUE === '7', 5000, 'the pushes after the reload');
      const pushed = h.puts().length;

      writeFileSync(config, 'interval: soon\n');
      agent.child.kill('SIGHUP');
      const error = await waitFor(() => agent.lines.find((l) => l.includes('reload: ')), 3000, 'the reload error');
      expect(error).toBe(
        `<3>reload: ${config}:1: interval: expected an integer from 1 to 86400, got "soon"; keeping the previous configuration`,
      );
      h.setAttrs('QUEUE=8\n');
      await waitFor(() => h.puts().length === pushed + 1, 5000, 'a push with the old configuration');
      expect(h.puts()[pushed]).toEqual({ QUEUE: '8' });
      expect(agent.child.exitCode).toBeNull();
    });
  });

  describe('SIGTERM', () => {
    it('abandons a hanging request within a few seconds, saves the pending attributes, exits 0; a restart sends them', async () => {
      const config = h.config({ attributes: { directory: h.attrs }, push: { heartbeat_cycles: 0 } });
      const ctx = h.context({});
      h.setAttrs('QUEUE=1\n');
      const first = h.run(['--config', config, '--context-dir', ctx]);
      await waitFor(() => h.puts().length === 1, 8000, 'the first push');
      h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'hang' });
      h.setAttrs('QUEUE=2\n');
      await sleep(1500);
      const t0 = Date.now();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(first.lines.at(-1)).toBe('<6>stopped');

      const statePath = join(h.dir, 'state/state.json');
      expect(statSync(statePath).mode & 0o777).toBe(0o600);
      expect(statSync(join(h.dir, 'run/status.json')).mode & 0o777).toBe(0o644);
      const saved = readFileSync(statePath, 'utf8');
      expect(JSON.parse(saved).push.pending).toEqual({ QUEUE: '2' });
      expect(saved).not.toContain(h.sim.tokenFor(42));

      h.sim.clearFaults();
      const second = h.run(['--config', config, '--context-dir', ctx]);
      await waitFor(() => h.puts().length === 2, 8000, 'the pending push after the restart');
      expect(h.puts()[1]).toEqual({ QUEUE: '2' });
      expect(second.lines[0]).toMatch(/1 attribute\(s\) pending from before/);
    });

    it('stops cleanly on a SIGTERM that comes during start-up', async () => {
      const agent = h.run(['--config', h.config(), '--context-dir', h.context({ REPORT_READY: 'YES' })]);
      await waitFor(() => agent.lines.some((l) => l.includes('started')), 5000, 'start-up');
      agent.child.kill('SIGTERM');
      expect(await agent.exited).toBe(0);
      expect(agent.lines.at(-1)).toBe('<6>stopped');
    });

    it.each([
      ['SIGUSR2', 'Node would end the process unsaved'],
      ['SIGUSR1', "Node would open its inspector on 127.0.0.1:9229, running any local user's code as the agent"],
    ] as const)('%s is named and ignored (%s); SIGTERM still stops it (issue 18)', async (signal, _why) => {
      const agent = h.run(['--config', h.config(), '--context-dir', h.context({})]);
      await waitFor(() => agent.lines.some((l) => l.includes('started')), 5000, 'start-up');
      agent.child.kill(signal);
      await waitFor(() => agent.lines.includes(`<4>${signal}: ignored (SIGHUP reloads, SIGTERM stops)`), 3000, `the ${signal} line`);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the inspector, were it opening, says so at once
      expect(agent.lines.join('\n')).not.toMatch(/Debugger listening|inspector/i);
      expect(agent.child.exitCode).toBeNull();
      agent.child.kill('SIGTERM');
      expect(await agent.exited).toBe(0);
    });
  });
});

// Start-up refuses the file before anything is sent: once, with no simulator.
describe('a bad configuration', () => {
  it('exits 1 with a one-line error at start', async () => {
    const config = join(tempDir('oga-signals-'), 'bad.yaml');
    writeFileSync(config, dump({ push: { decimals: 9 } }));
    const r = await runAgentCli(['run', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toContain(`onegate-agent run: ${config}:2: push.decimals: expected an integer from 0 to 6, got 9`);
  });
});
