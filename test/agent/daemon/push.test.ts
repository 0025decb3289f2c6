// Attribute push by the spawned daemon against the simulator: delta suppression, heartbeat, outage and
// recovery with nothing lost, token rotation, 403.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  const userTemplate = () => h.sim.vm(42).USER_TEMPLATE as Record<string, string>;
  const status = () => h.status();
  // The simulator's VM 42 context says REPORT_READY=YES: its READY=YES PUT is not an attribute push.
  const pushes = () => h.puts().filter((p) => p.READY === undefined);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  describe('push', () => {
    it('sends everything once, then only changed attributes, nothing while unchanged', async () => {
      h.setAttrs('QUEUE=1\nNAME=alpha\n');
      h.run(['--config', h.config({ attributes: { directory: h.attrs }, push: { heartbeat_cycles: 0 } }), '--context-dir', h.context({})]);
      await waitFor(() => pushes().length === 1, 8000, 'the first push');
      expect(pushes()[0]).toEqual({ QUEUE: '1', NAME: 'alpha' });
      await sleep(2500);
      expect(pushes()).toHaveLength(1);
      h.setAttrs('QUEUE=2\nNAME=alpha\n');
      await waitFor(() => pushes().length === 2, 5000, 'the second push');
      expect(pushes()[1]).toEqual({ QUEUE: '2' });
      expect(userTemplate()).toMatchObject({ QUEUE: '2', NAME: 'alpha' });
    });

    it('sends every attribute again on heartbeat cycles', async () => {
      h.setAttrs('QUEUE=1\n');
      h.run([
        '--config',
        h.config({ attributes: { directory: h.attrs, static: { ROLE: 'db' } }, push: { heartbeat_cycles: 2 } }),
        '--context-dir',
        h.context({}),
      ]);
      await waitFor(() => pushes().length >= 3, 9000, 'three pushes');
      expect(pushes().slice(0, 3)).toEqual([
        { ROLE: 'db', QUEUE: '1' },
        { ROLE: 'db', QUEUE: '1' },
        { ROLE: 'db', QUEUE: '1' },
      ]);
    });

    it('keeps attributes pending through an outage and sends the latest values when the server is back', async () => {
      h.setAttrs('QUEUE=1\nNAME=alpha\n');
      const agent = h.run([
        '--config',
        h.config({ attributes: { directory: h.attrs }, push: { heartbeat_cycles: 0 } }),
        '--context-dir',
        h.context({}),
      ]);
      await waitFor(() => pushes().length === 1, 8000, 'the first push');
      h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 503 });
      h.setAttrs('QUEUE=2\nNAME=alpha\n');
      await waitFor(() => status().push?.lastError, 5000, 'a failed push');
      h.setAttrs('QUEUE=3\nNAME=beta\n');
      await waitFor(() => status().push.pending.length === 2, 5000, 'both attributes pending');
      await sleep(1500);
      expect(agent.lines.filter((l) => l.includes('push: failed'))).toHaveLength(1);
      h.sim.clearFaults();
      // Up to 10 s like the first push: once (in 5 CI runs) the full suite's load kept it from coming within 5 s.
      await waitFor(() => pushes().length === 2, 10_000, 'the push after the outage');
      expect(pushes()[1]).toEqual({ QUEUE: '3', NAME: 'beta' });
      expect(userTemplate()).toMatchObject({ QUEUE: '3', NAME: 'beta' });
      await waitFor(() => status().push.pending.length === 0 && !status().push.lastError, 3000, 'a clean status');
      // The log line travels through a pipe and may arrive after status.json shows the clean state.
      await waitFor(() => agent.lines.some((l) => l.includes('push: recovered')), 3000, 'the recovered line');
    });

    it('recovers from a token rotation within one cycle: 401, token re-read, retried', async () => {
      h.setAttrs('QUEUE=1\n');
      // The simulator's own context directory: setTokenPassword rewrites its token.txt. Without the context
      // poll, only the 401 makes the daemon re-read it.
      const config = h.config({ attributes: { directory: h.attrs }, push: { heartbeat_cycles: 0 }, context: { poll: 0 } });
      h.run(['--config', config, '--context-dir', join(h.dir, 'ctx/42')]);
      await waitFor(() => pushes().length === 1, 8000, 'the first push');
      const rotated = Date.now();
      await h.sim.setTokenPassword('alice', 'f'.repeat(64));
      h.setAttrs('QUEUE=2\n');
      await waitFor(() => pushes().length === 2, 5000, 'a push with the new token');
      // The first request with the old token (a pull or the push) gets 401; the client re-reads token.txt
      // and repeats it, and every request after that succeeds.
      const after = h.sim.requests.filter((r) => r.at >= rotated);
      expect(after[0].status).toBe(401);
      expect(after[1]).toMatchObject({ status: 200, method: after[0].method, path: after[0].path });
      expect(
        after
          .slice(1)
          .map((r) => `${r.method} ${r.path} ${r.status}`)
          .filter((x) => x.endsWith(' 401')),
      ).toEqual([]);
      const put = after.find((r) => r.method === 'PUT' && r.status === 200);
      expect(put!.at - rotated).toBeLessThan(3500); // interval 1 s, plus slack for a loaded machine
      expect(userTemplate().QUEUE).toBe('2');
    });

    it('turns the push off on a 403 with one log line, and back on after SIGHUP', async () => {
      h.setAttrs('QUEUE=1\n');
      h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 403, body: 'Forbidden' });
      const agent = h.run(['--config', h.config({ attributes: { directory: h.attrs } }), '--context-dir', h.context({})]);
      await waitFor(() => status().push?.disabled, 8000, 'push turned off');
      h.setAttrs('QUEUE=2\n');
      await sleep(2500);
      expect(h.sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
      expect(agent.lines.filter((l) => l.includes('push: turned off'))).toHaveLength(1);
      h.sim.clearFaults();
      agent.child.kill('SIGHUP');
      await waitFor(() => pushes().length === 1, 5000, 'a push after SIGHUP');
      expect(pushes()[0]).toEqual({ QUEUE: '2' });
    });
  });
});
