// Two real daemons on one state directory: the second exits 1 with one line naming the first one's pid.
// Once, not per server version: the lock is the state directory's; the server only takes a push (push.test.ts runs both).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { runAgentCli, startHarness, waitFor } from './harness';

const h = perTest(() => startHarness());

const pidFile = () => join(h.dir, 'state/agent.pid');

describe('state directory lock', () => {
  it('lets one daemon run per state directory and releases it at exit', async () => {
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
    const context = h.context({});
    const first = h.run(['--config', config, '--context-dir', context]);
    await waitFor(() => h.status().push?.lastSuccess, 8000, 'the first push');
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${first.child.pid}\n`);
    const second = await runAgentCli(['run', '--config', config, '--context-dir', context]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`onegate-agent run: ${join(h.dir, 'state')} is in use by another onegate-agent (pid ${first.child.pid})\n`);
    expect(h.status().pid).toBe(first.child.pid); // the second wrote nothing
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(pidFile())).toBe(false);
  });

  it('takes over the lock of a daemon that was killed', async () => {
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
    const context = h.context({});
    const killed = h.run(['--config', config, '--context-dir', context]);
    await waitFor(() => h.status().push?.lastSuccess, 8000, 'the first push');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${killed.child.pid}\n`);
    const next = h.run(['--config', config, '--context-dir', context]);
    await waitFor(() => h.status().pid === next.child.pid, 8000, 'the next daemon to run');
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${next.child.pid}\n`);
  });

  it('takes over a pid file whose pid is alive but not an onegate-agent process', async () => {
    mkdirSync(join(h.dir, 'state'), { recursive: true });
    writeFileSync(pidFile(), `${process.pid}\n`); // this test's own process
    const agent = h.run(['--config', h.config({}), '--context-dir', h.context({})]);
    await waitFor(() => h.status().pid === agent.child.pid, 8000, 'the daemon to run');
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${agent.child.pid}\n`);
  });
});
