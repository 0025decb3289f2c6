import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { expectGolden, runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate service show (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld('spec-service', version));

  it('prints the service block and each role, an empty role included (as Service.print in the Ruby client)', async () => {
    const r = await runCli(['service', 'show'], vmEnv(sim, 42));
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expectGolden('service-show.txt', r.stdout);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', path: '/service', query: {} });
  });

  it('--extended (or --ext) asks with extended=true and adds STATE and IP per VM', async () => {
    const runs = await Promise.all(
      [
        ['service', 'show', '--extended'],
        ['service', 'show', '--ext'],
      ].map((a) => runCli(a, vmEnv(sim, 43))),
    );
    for (const r of runs) expectGolden('service-show-extended.txt', r.stdout);
    expect(sim.requests.at(-1)!.query).toEqual({ extended: 'true' });
  });

  it('--json keeps the integers of state, cardinality and deploy_id', async () => {
    const r = await runCli(['service', 'show', '--json'], vmEnv(sim, 42));
    expectGolden('service-show.json', r.stdout);
    const doc = JSON.parse(r.stdout);
    expect(doc.SERVICE.state).toBe(2);
    expect(doc.SERVICE.roles[0].nodes[0].deploy_id).toBe(42);
    expect(r.stdout).toContain('"nodes": []');
  });
});
