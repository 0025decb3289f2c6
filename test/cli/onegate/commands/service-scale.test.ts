import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate service scale (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));

  it('sends application/json {"cardinality":N} to /service/role/ROLE (works on 6.x and 7.x)', async () => {
    const r = await runCli(['service', 'scale', '--role', 'web', '--cardinality', '3'], vmEnv(sim, 42));
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    const req = sim.requests.at(-1)!;
    expect([req.method, req.path, req.headers['content-type'], req.body]).toEqual([
      'PUT',
      '/service/role/web',
      'application/json',
      '{"cardinality":3}',
    ]);
    expect(req.status).toBe(200);
  });

  it('accepts -r/-c and abbreviations, and reports the server refusal beyond the role maximum', async () => {
    const r = await runCli(['service', 'scale', '-rweb', '--car=9'], vmEnv(sim, 42));
    expect(sim.requests.at(-1)).toMatchObject({ path: '/service/role/web', body: '{"cardinality":9}' });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/^ERROR: \n.+\n$/);
  });

  it.each([
    [['service', 'scale', '--cardinality', '2'], 'onegate: service scale needs --role ROLE\n'],
    [['service', 'scale', '--role', 'web'], 'onegate: service scale needs --cardinality N\n'],
    [
      ['service', 'scale', '--role', 'web', '-c', 'many'],
      'onegate: invalid argument: --cardinality many (expected a whole number of VMs, 0 or more)\n',
    ],
  ])('%j: exit 1 before sending anything', async (args, stderr) => {
    const before = sim.requests.length;
    expect(await runCli(args, vmEnv(sim, 42))).toEqual({ status: 1, stdout: '', stderr });
    expect(sim.requests.length).toBe(before);
  });
});
