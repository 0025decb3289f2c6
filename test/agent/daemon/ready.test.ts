// READY reporting by the spawned daemon against the simulator over HTTP.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  const readies = () => h.puts().filter((p) => p.READY === 'YES').length;
  const status = () => h.status();

  describe('ready reporting', () => {
    it('reports READY=YES once without a ready script, and again after a recontextualization', async () => {
      const ctx = h.context({ REPORT_READY: 'YES' });
      const agent = h.run(['--config', h.config(), '--context-dir', ctx]);
      await waitFor(() => readies() === 1, 8000, 'READY=YES');
      await new Promise((r) => setTimeout(r, 2500));
      expect(readies()).toBe(1);
      expect(status().ready).toMatchObject({ status: 'reported', attempts: 0 });
      appendFileSync(join(ctx, 'context.sh'), "ETH0_IP='10.0.0.9'\n");
      await waitFor(() => readies() === 2, 8000, 'READY=YES after the context changed');
      agent.child.kill('SIGTERM');
      expect(await agent.exited).toBe(0);
    });

    it('runs READY_SCRIPT (base64) and reports only once it succeeds', async () => {
      const gate = join(h.dir, 'go');
      const ctx = h.context({ REPORT_READY: 'YES', READY_SCRIPT: Buffer.from(`test -f ${gate}`).toString('base64') });
      // An identical failure is logged at most once a minute, while the retries come every <= 1 s.
      const agent = h.run(['--config', h.config(), '--context-dir', ctx]);
      await waitFor(() => status().ready?.status === 'failing', 8000, 'a failing ready script');
      await new Promise((r) => setTimeout(r, 1500));
      expect(readies()).toBe(0);
      expect(status().ready.lastError).toMatchObject({ code: 'READY_SCRIPT_FAILED' });
      expect(agent.lines.filter((l) => l.includes('READY_SCRIPT failed'))).toHaveLength(1);
      writeFileSync(gate, '');
      await waitFor(() => readies() === 1, 8000, 'READY=YES after the script succeeds');
      await waitFor(() => status().ready?.status === 'reported', 3000, 'status reported');
      expect(status().ready.lastError).toBeUndefined();
    });

    it('does not report READY again after a daemon restart on the same boot', async () => {
      const ctx = h.context({ REPORT_READY: 'YES' });
      const config = h.config();
      const first = h.run(['--config', config, '--context-dir', ctx]);
      await waitFor(() => readies() === 1, 8000, 'READY=YES');
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const second = h.run(['--config', config, '--context-dir', ctx]);
      await waitFor(() => second.lines.some((l) => l.includes('started')), 5000, 'restart');
      await new Promise((r) => setTimeout(r, 2000));
      expect(readies()).toBe(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    });

    it('leaves READY alone without REPORT_READY=YES', async () => {
      const ctx = h.context({ REPORT_READY: 'NO' });
      h.run(['--config', h.config({ attributes: { directory: '', static: { ROLE: 'x' } } }), '--context-dir', ctx]);
      await waitFor(() => h.puts().length > 0, 8000, 'a push');
      expect(readies()).toBe(0);
      expect(status().ready.status).toBe('off');
    });
  });
});
