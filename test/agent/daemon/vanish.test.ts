// Attributes that vanish with their source, with the built daemon as a real process against the simulator: a
// static value removed from the configuration is erased after SIGHUP, a restart erases nothing still sourced,
// and an erasure the server could not take waits in state.json through a restart.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { runAgentCli, startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('vanished attributes, daemon (OneGate %s)', (version) => {
  const h = perTest(() => startHarness(version));
  const template = () => h.sim.vm(42).USER_TEMPLATE as Record<string, unknown>;
  const puts = () => h.sim.requests.filter((r) => r.method === 'PUT' && r.path === '/vm');
  const erasures = () =>
    puts()
      .filter((r) => r.status === 200)
      .map((r) => new URLSearchParams(String(r.body)))
      .filter((b) => b.get('type') === '2')
      .map((b) => b.get('data'));
  const config = (statics: Record<string, string>) =>
    h.config({
      attributes: { directory: h.attrs, static: statics, commands: [{ command: ['/bin/echo', 'QUEUE=3'] }] },
      metrics: { memory: { enabled: true } },
      push: { heartbeat_cycles: 2 },
    });

  it('a restart erases nothing still sourced; a static value removed and SIGHUP erase it', async () => {
    h.setAttrs('APP_VERSION=1.2\n');
    const file = config({ ROLE: 'db', TIER: 'gold' });
    const ctx = h.context({});
    const first = h.run(['--config', file, '--context-dir', ctx]);
    await waitFor(() => ['ROLE', 'TIER', 'APP_VERSION', 'QUEUE', 'MEM_USED'].every((k) => k in template()), 8000, 'the attributes');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const before = puts().length;
    const second = h.run(['--config', file, '--context-dir', ctx]);
    await waitFor(() => puts().length >= before + 2, 8000, 'two heartbeats after the restart');
    expect(erasures()).toEqual([]);
    config({ ROLE: 'db' });
    second.child.kill('SIGHUP');
    await waitFor(() => !('TIER' in template()), 8000, 'TIER erased');
    expect(erasures()).toEqual(['TIER']);
    expect(template()).toMatchObject({ ROLE: 'db', APP_VERSION: '1.2', QUEUE: '3' });
    expect(second.lines.some((l) => l.includes('TIER is erased: its source static is gone'))).toBe(true);
  });

  it('an erasure due while the server fails waits in state.json through a restart, then is sent', async () => {
    h.setAttrs('APP_VERSION=1.2\n');
    const file = config({ ROLE: 'db' });
    const ctx = h.context({});
    const first = h.run(['--config', file, '--context-dir', ctx]);
    await waitFor(() => template().APP_VERSION === '1.2', 8000, 'APP_VERSION');
    h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 503 });
    rmSync(join(h.attrs, 'app.attrs'));
    const saved = () => JSON.parse(readFileSync(join(h.dir, 'state', 'state.json'), 'utf8'));
    await waitFor(() => saved().push.erasing.includes('APP_VERSION'), 8000, 'the erasure saved');
    await waitFor(() => puts().some((r) => r.status === 503), 8000, 'a failed PUT');
    await waitFor(() => h.status().push?.erasing, 8000, 'the erasure in status.json');
    const text = await runAgentCli(['status', '--config', file]);
    expect(text.stdout).toMatch(/\npush: {4}failing: .*; 1 to erase \(APP_VERSION\); next /);
    const json = JSON.parse((await runAgentCli(['status', '--json', '--config', file])).stdout);
    expect(json.daemon.push.erasing).toEqual(['APP_VERSION']);
    expect(json.daemon.push).not.toHaveProperty('owners');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(saved().push.erasing).toEqual(['APP_VERSION']);
    expect(saved().push.owners).not.toHaveProperty('APP_VERSION');
    expect(template().APP_VERSION).toBe('1.2');
    h.sim.clearFaults();
    h.run(['--config', file, '--context-dir', ctx]);
    await waitFor(() => !('APP_VERSION' in template()), 8000, 'APP_VERSION erased');
    expect(erasures()).toEqual(['APP_VERSION']);
    expect(template()).toMatchObject({ ROLE: 'db', QUEUE: '3' });
  });
});
