// `onegate-agent once [--dry-run]` against the simulator.
import { describe, expect, it } from 'vitest';
import { runAgentCli, startHarness } from '../../agent/daemon/harness';
import { perTest } from '../../support/per-test';
import { startPrefixProxy } from '../../support/prefix-proxy';
import { SERVER_VERSIONS } from '../../support/server-versions';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  describe('onegate-agent once', () => {
    it('--dry-run prints every attribute, metrics prefixed, and sends nothing', async () => {
      const config = h.config({
        attributes: { directory: '', static: { ROLE: 'db' } },
        metrics: { memory: { enabled: true } },
        push: { prefix: 'G_' },
      });
      const r = await runAgentCli(['once', '--dry-run', '--config', config, '--context-dir', h.context({})]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^G_MEM_USED=\d+\.\d\d\nROLE=db\n$/);
      expect(h.sim.requests).toEqual([]);
    });

    it('sends everything in one PUT /vm and prints it', async () => {
      const config = h.config({ attributes: { directory: '', static: { ROLE: 'db', TIER: 'gold' } } });
      const r = await runAgentCli(['once', '--config', config, '--context-dir', h.context({})]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('ROLE=db\nTIER=gold\n');
      expect(h.puts()).toEqual([{ ROLE: 'db', TIER: 'gold' }]);
    });

    it('applies context overrides (ONEGATE_AGENT_PREFIX)', async () => {
      const config = h.config({ metrics: { load: { enabled: true } } });
      const r = await runAgentCli(['once', '--dry-run', '--config', config, '--context-dir', h.context({ ONEGATE_AGENT_PREFIX: 'VM_' })]);
      expect(r.stdout).toMatch(/^VM_LOAD1=\d+\.\d\d\nVM_LOAD5=/);
    });

    it('keeps the path prefix of an endpoint behind a reverse proxy (one-apps#27)', async () => {
      const proxy = await startPrefixProxy(h.sim.url);
      try {
        const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
        const r = await runAgentCli(['once', '--config', config, '--context-dir', h.context({ ONEGATE_ENDPOINT: proxy.endpoint })]);
        expect(r.code).toBe(0);
        expect(proxy.paths).toEqual(['/onegate/vm']);
        expect(h.puts()).toEqual([{ ROLE: 'db' }]);
      } finally {
        await proxy.close();
      }
    });

    it('exits 1 with one line when the server refuses', async () => {
      h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 500 });
      const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
      const r = await runAgentCli(['once', '--config', config, '--context-dir', h.context({})]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^onegate-agent once: .*500.*\n$/);
    });
  });
});
