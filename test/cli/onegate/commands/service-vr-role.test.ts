// A service with a virtual-router role (OneFlow 7 role type vr, switch vr_roles): `onegate service show` lists it like any role, from
// one of its router VMs too, and `service scale` of it reports OneGate's refusal. Where the switch is off (6.10) no such service can exist.
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS, switchOn } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('a virtual-router role (OneGate %s)', (version) => {
  if (!switchOn(version, 'vrRoles')) {
    it('cannot exist: the simulator refuses the world, naming the switch', async () => {
      await expect(startWorld('vr-role', version)).rejects.toThrow(/service 7 role gw: type vr .*:vr_roles:/);
    });
    return;
  }
  const sim = perSuite(() => startWorld('vr-role', version));

  it('service show lists the role and its router VMs like any role, from a VM of another role and from a router VM', async () => {
    // Name and value padded to 20, as in golden/service-show.txt.
    const row = (name: string, value: string) => `${name.padEnd(20)}: ${value.padEnd(20)}`;
    const expected = [
      'SERVICE 7',
      row('NAME', 'edge'),
      row('STATE', 'RUNNING'),
      '',
      'ROLE web',
      'VM 42',
      row('NAME', 'web_0_(service_7)'),
      '',
      'ROLE gw',
      'VM 50',
      row('NAME', 'gw_0_(service_7)'),
      'VM 51',
      row('NAME', 'gw_1_(service_7)'),
      '',
      '',
    ].join('\n');
    for (const vmid of [42, 50])
      expect(await runCli(['service', 'show'], vmEnv(sim, vmid))).toEqual({ status: 0, stdout: expected, stderr: '' });
  });

  it('service show --json has the keys OneGate copies from a role, no vr-only ones', async () => {
    const r = await runCli(['service', 'show', '--json'], vmEnv(sim, 50));
    const gw = JSON.parse(r.stdout).SERVICE.roles[1];
    expect(Object.keys(gw)).toEqual(['name', 'cardinality', 'state', 'nodes']);
    expect(gw.nodes.map((n: { deploy_id: number }) => n.deploy_id)).toEqual([50, 51]);
  });

  it("service scale of the role: OneGate's 400 refusal, printed as the server sent it, exit 255", async () => {
    const r = await runCli(['service', 'scale', '--role', 'gw', '--cardinality', '3'], vmEnv(sim, 50));
    expect(r).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \nError performing action on service 7 role gw\n' });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/service/role/gw', status: 400 });
  });
});
