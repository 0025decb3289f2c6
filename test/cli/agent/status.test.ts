// `onegate-agent status` against a spawned daemon on each server version: 0 healthy, 1 degraded, 2 not running.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentCli, startHarness, waitFor } from '../../agent/daemon/harness';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { tempDir } from '../../support/temp-dir';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  describe('onegate-agent status', () => {
    it('reports a healthy daemon (0), its details as JSON, and not running after SIGTERM (2)', async () => {
      const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
      const agent = h.run(['--config', config, '--context-dir', h.context({ REPORT_READY: 'YES' })]);
      await waitFor(() => h.status().push?.lastSuccess && h.status().ready?.status === 'reported', 8000, 'a push and READY');
      const text = await runAgentCli(['status', '--config', config]);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^status: {2}running\ndaemon: {2}pid \d+, version /);
      expect(text.stdout).toContain(`vm:      42 at ${h.sim.url}; token from token.txt on `);
      expect(text.stdout).toMatch(/\nready: {3}reported at \d{4}-/);
      expect(text.stdout).toMatch(/\npush: {4}ok; last success .* nothing pending; next /);
      const json = JSON.parse((await runAgentCli(['status', '--json', '--config', config])).stdout);
      expect(json).toMatchObject({
        status: 'running',
        exitCode: 0,
        problems: [],
        daemon: { pid: agent.child.pid, interval: 1, credentials: { vmid: '42', source: 'directory' } },
      });
      expect(json.daemon.process.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(JSON.stringify(json)).not.toContain(h.sim.tokenFor(42));
      agent.child.kill('SIGTERM');
      await agent.exited;
      const after = await runAgentCli(['status', '--config', config]);
      expect(after.code).toBe(2);
      expect(after.stdout).toMatch(/^status: {2}not running\n/);
      expect(after.stdout).toMatch(/problems:\n {2}stopped at \d{4}-/);
    });

    it('shows HEALTH, each check and what READY waits for', async () => {
      const check = { name: 'app', command: ['/bin/false'], interval: 1, timeout: 1, failures: 1, successes: 1 };
      const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } }, health: { checks: [check] } });
      h.run(['--config', config, '--context-dir', h.context({ REPORT_READY: 'YES' })]);
      await waitFor(() => h.status().health?.published === 'FAIL' && h.status().ready?.waitsFor, 8000, 'HEALTH=FAIL published');
      const text = await runAgentCli(['status', '--config', config]);
      expect(text.stdout).toMatch(/\nready: {3}running; waits for health checks \(HEALTH is FAIL: app: exit 1\)\n/);
      expect(text.stdout).toMatch(
        /\nhealth: {2}FAIL \(app: exit 1\); published FAIL; checks: app FAIL \(\d+ failed in a row\); last published \d{4}-/,
      );
      expect(h.sim.vm(42).USER_TEMPLATE).toMatchObject({ HEALTH: 'FAIL', HEALTH_REASON: 'app: exit 1' });
      expect(h.sim.vm(42).USER_TEMPLATE).not.toHaveProperty('READY');
    });
  });

  describe('onegate-agent status --wait', () => {
    it('exits 0 once the daemon reported READY, with the status', async () => {
      const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
      const waiting = runAgentCli(['status', '--wait', '--timeout', '60', '--config', config]);
      h.run(['--config', config, '--context-dir', h.context({ REPORT_READY: 'YES' })]);
      const r = await waiting;
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nready: {3}reported at \d{4}-/);
      expect(h.sim.vm(42).USER_TEMPLATE).toMatchObject({ READY: 'YES' });
    });
  });
});

// Answers that are the same on every version: a fault's, and none at all (the agent's own list of refused
// attributes, the same :restricted_attrs in 6.10.5's and 7.4.0's onegate-server.conf; REPORT_READY unset): once.
describe('onegate-agent status, client-side', () => {
  const h = perTest(() => startHarness());

  it('reports degraded (1) while a feature is off or failing', async () => {
    h.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 403, body: 'Forbidden' });
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
    h.run(['--config', config, '--context-dir', h.context({})]);
    await waitFor(() => h.status().push?.disabled, 8000, 'push off');
    const r = await runAgentCli(['status', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^status: {2}degraded\n/);
    expect(r.stdout).toMatch(/\n {2}push: off: the server refused the update \(.*403.*\)\n/);
  });

  it("names the attributes OneGate refuses, in text and JSON, and the daemon's log names each once", async () => {
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db', SERVICE_ID: '7' } }, push: { heartbeat_cycles: 1 } });
    const agent = h.run(['--config', config, '--context-dir', h.context({})]);
    await waitFor(() => h.puts().length >= 3, 8000, 'three pushes');
    expect(h.puts().every((p) => p.SERVICE_ID === undefined)).toBe(true);
    expect(agent.lines.filter((l) => l.includes('attribute SERVICE_ID is not sent'))).toEqual([
      expect.stringMatching(/^<4>push: attribute SERVICE_ID is not sent: it is on OneGate's default :restricted_attrs list;/),
    ]);
    const text = await runAgentCli(['status', '--config', config]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\npush: {4}ok; .*; not sent: SERVICE_ID \(it is on OneGate's default :restricted_attrs list\); next /);
    const json = JSON.parse((await runAgentCli(['status', '--json', '--config', config])).stdout);
    expect(json.daemon.push.refused).toEqual({ SERVICE_ID: "it is on OneGate's default :restricted_attrs list" });
  });

  it('shows the attribute sources in trouble, in text and JSON, each named once in the log', async () => {
    const failing = join(__dirname, '../../fixtures/attribute-sources/exit-status/probe.sh');
    const config = h.config({
      attributes: { directory: '/nonexistent', static: { ROLE: 'db' }, commands: [{ command: ['/bin/sh', failing], timeout: 5 }] },
      push: { heartbeat_cycles: 1 },
    });
    const agent = h.run(['--config', config, '--context-dir', h.context({})]);
    // A heartbeat every cycle: four PUTs are four cycles that found the command failing.
    await waitFor(() => h.status().push?.sourceWarnings && h.puts().length >= 4, 8000, 'four cycles and a warning in status.json');
    const source = `command:/bin/sh ${failing}`;
    expect(agent.lines.filter((l) => l.includes(source))).toEqual([`<4>attributes: ${source}: exit status 3: db unreachable`]);
    const text = await runAgentCli(['status', '--config', config]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`\nsources: ${source}: exit status 3: db unreachable\n`);
    const json = JSON.parse((await runAgentCli(['status', '--json', '--config', config])).stdout);
    expect(json.daemon.push.sourceWarnings).toEqual({ [source]: 'exit status 3: db unreachable' });
  });

  it('exits 1 when the agent does not report READY', async () => {
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } } });
    h.run(['--config', config, '--context-dir', h.context({})]);
    await waitFor(() => h.status().ready?.status, 8000, 'a status file');
    const r = await runAgentCli(['status', '--wait', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the agent does not report READY (REPORT_READY is not YES)');
  });
});

// No daemon and no server (status files, options, a wait that times out): once.
describe('onegate-agent status without a daemon', () => {
  it('exits 2 when the daemon never ran', async () => {
    const r = await runAgentCli(['status', '--run-dir', tempDir('oga-status-')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('status:  not running\nproblems:\n  no status file: the daemon has not run since boot\n');
  });

  it.each(['truncated', 'pid-string', 'escape-bytes'])('exits 2 on the damaged status file of case %s, naming it and why', async (name) => {
    const runDir = join(__dirname, '../../fixtures/status', name);
    const text = await runAgentCli(['status', '--run-dir', runDir]);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(
      new RegExp(`^status: {2}not running\nproblems:\n {2}${runDir}/status.json: not a status file \\([^\n\x1b]+\\)\n$`),
    );
    expect(text.stderr).toBe('');
    const json = await runAgentCli(['status', '--json', '--run-dir', runDir]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ status: 'not running', exitCode: 2, problems: [text.stdout.split('\n')[2].trim()] });
  });

  it('rejects unknown options with exit 2', async () => {
    const r = await runAgentCli(['status', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("onegate-agent status: Unknown option '--bogus'");
  });

  it('exits 2 after the timeout when no agent runs, and refuses a bad timeout', async () => {
    const r = await runAgentCli(['status', '--wait', '--timeout', '1', '--run-dir', tempDir('oga-wait-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('timed out after 1 s waiting for READY (last: no status file yet)');
    const bad = await runAgentCli(['status', '--wait', '--timeout', '1.5x', '--run-dir', tempDir('oga-wait-')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^onegate-agent status: --timeout 1\.5x: not a whole number of seconds from 1 to 86400\n/);
    const alone = await runAgentCli(['status', '--timeout', '5', '--run-dir', tempDir('oga-wait-')]);
    expect(alone.stderr).toMatch(/^onegate-agent status: --timeout needs --wait\n/);
  });
});
