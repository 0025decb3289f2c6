// Shutdown versus restart with a real daemon against the simulator: with run_dir/shutdown written before
// the SIGTERM (what the systemd unit's ExecStop and the OpenRC script do at a shutdown) the daemon runs the
// stop hooks within stop.drain_timeout, withdraws its LB registration and erases READY and HEALTH; a plain
// SIGTERM (a restart) keeps them.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  const template = () => h.sim.vm(42).USER_TEMPLATE as Record<string, string>;

  /** A daemon with one passing check and one HAProxy registration, READY and HEALTH reported. */
  async function reported(hooks: Record<string, string> = {}, drainTimeout = 30) {
    const hooksDir = join(h.dir, 'hooks.d');
    mkdirSync(join(hooksDir, 'stop'), { recursive: true });
    for (const [name, body] of Object.entries(hooks)) {
      const path = join(hooksDir, 'stop', name);
      writeFileSync(path, body);
      chmodSync(path, 0o755);
    }
    const config = h.config({
      hooks: { directory: hooksDir },
      health: { checks: [{ name: 'ok', command: ['/bin/true'], interval: 1, timeout: 1, failures: 1, successes: 1 }] },
      lb: [{ family: 'haproxy', index: 0, ip: '10.0.0.100', port: 80, server_port: 8080 }],
      stop: { drain_timeout: drainTimeout },
    });
    const agent = h.run(['--config', config, '--context-dir', h.context({ REPORT_READY: 'YES', ETH0_IP: '10.0.0.7' })]);
    await waitFor(
      () => template().READY === 'YES' && template().HEALTH === 'OK' && template().ONEGATE_HAPROXY_LB0_SERVER_HOST !== undefined,
      8000,
      'READY, HEALTH and LB0',
    );
    return agent;
  }

  describe('drain', () => {
    it('a plain SIGTERM (restart) keeps READY, HEALTH and the registration', async () => {
      const agent = await reported();
      agent.child.kill('SIGTERM');
      await agent.exited;
      expect(template()).toMatchObject({ READY: 'YES', HEALTH: 'OK', ONEGATE_HAPROXY_LB0_SERVER_HOST: '10.0.0.7' });
    });

    it('at a shutdown runs the stop hooks, withdraws LB0 (SERVER_HOST first), erases READY and HEALTH', async () => {
      const log = join(h.dir, 'stop.log');
      const agent = await reported({ '10-note': `#!/bin/sh\necho "$1 $ONEGATE_EVENT" >> ${log}\n` });
      writeFileSync(join(h.dir, 'run', 'shutdown'), '');
      agent.child.kill('SIGTERM');
      await agent.exited;
      expect(readFileSync(log, 'utf8')).toBe('stop stop\n');
      const keys = Object.keys(template());
      expect(keys.filter((k) => k.startsWith('ONEGATE_') || k === 'READY' || k.startsWith('HEALTH'))).toEqual([]);
      const erases = h.sim.requests
        .map((r) => new URLSearchParams(String(r.body)))
        .filter((b) => b.get('type') === '2')
        .map((b) => b.get('data'));
      expect(erases[0]).toBe('ONEGATE_HAPROXY_LB0_SERVER_HOST');
      expect(erases.slice(-3)).toEqual(['READY', 'HEALTH', 'HEALTH_REASON']);
    });

    it('kills a hung stop hook at the end of the budget and still erases READY', async () => {
      const agent = await reported({ '10-hang': '#!/bin/sh\nexec sleep 60\n', '20-never': '#!/bin/sh\ntouch never\n' }, 1);
      writeFileSync(join(h.dir, 'run', 'shutdown'), '');
      agent.child.kill('SIGTERM');
      expect(await agent.exited).toBe(0);
      expect(template()).not.toHaveProperty('READY');
      expect(agent.lines.join('\n')).toMatch(/stop hook 10-hang killed at the end of the budget/);
      expect(agent.lines.join('\n')).toMatch(/budget spent; 20-never/);
    });
  });
});
