// `onegate-agent query` end to end: a real daemon (dist/onegate-agent.cjs) pulls from the simulator into its
// run_dir, and query, run as its own process, answers from those files and the context without a request.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentCli, startHarness, waitFor } from '../../agent/daemon/harness';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';

describe.each(SERVER_VERSIONS)('onegate-agent query, OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  it('answers from what the daemon pulled, follows a scale, and keeps answering after it stopped, without a request', async () => {
    const config = h.config({ pull: { max_interval: 0 } });
    const token = h.sim.tokenFor(42);
    const ctx = h.context({ ETH0_IP: '10.0.0.5', ONEGATE_TOKEN: token });
    const agent = h.run(['--config', config, '--context-dir', ctx]);
    const service = join(h.dir, 'run/service.json');
    await waitFor(() => existsSync(service), 10_000, 'service.json');
    const q = (...args: string[]) => runAgentCli(['query', '--config', config, '--context-dir', ctx, ...args]);

    expect(await q('vm.USER_TEMPLATE.ROLE_NAME', 'vm.TEMPLATE.NIC.0.IP', 'service.roles.web.nodes.1.deploy_id', 'context.ETH0_IP')).toEqual(
      {
        code: 0,
        stdout: 'web\n10.0.0.5\n43\n10.0.0.5\n',
        stderr: '',
      },
    );
    const listing = await q();
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(
      /^cache: {3}\S+\/run \(last successful pull \S+ \(\d+ s ago\)\)\nvm {7}changed \S+ \(\d+ s ago\) {2}\S+\/vm\.json\nservice {2}changed /,
    );
    expect(listing.stdout).toMatch(/\ncontext: directory \(context\.sh on \S+\), 5 variables, read now\n$/);

    h.sim.scaleRole(7, 'web', 3);
    await waitFor(() => JSON.parse(readFileSync(service, 'utf8')).SERVICE.roles[0].cardinality === 3, 10_000, 'the scale in service.json');
    expect(await q('service.roles.web.cardinality')).toMatchObject({ code: 0, stdout: '3\n' });

    const secret = await q('context.ONEGATE_TOKEN');
    expect(secret.code).toBe(1);
    const whole = await q('--json', 'context');
    expect(JSON.parse(whole.stdout).ONEGATE_TOKEN).toBe('<redacted>');
    for (const r of [secret, whole, listing]) expect(r.stdout + r.stderr).not.toContain(token);

    agent.child.kill('SIGTERM');
    await agent.exited;
    const requests = h.sim.requests.length;
    expect(await q('vm.ID', 'service.roles.db.nodes.0.deploy_id')).toEqual({ code: 0, stdout: '42\n44\n', stderr: '' });
    expect(h.sim.requests.length).toBe(requests);
  });

  it('exits 2 naming the run directory while the daemon runs with pull.enabled: false', async () => {
    const config = h.config({ pull: { enabled: false } });
    h.run(['--config', config, '--context-dir', h.context({})]);
    await waitFor(() => h.status().pull?.enabled === false, 10_000, 'the status file');
    const r = await runAgentCli(['query', '--config', config, 'vm.ID']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `onegate-agent query: no cached documents in ${join(h.dir, 'run')} (no vm.json): the daemon runs with pull.enabled: false; set it to true to cache the documents\n`,
    });
  });
});
