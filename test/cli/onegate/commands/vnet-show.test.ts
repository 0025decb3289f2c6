import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { goldenFor, SERVER_VERSIONS } from '../../../support/server-versions';
import { expectGolden, runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vnet show (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld('spec-vrouter', version));

  it('prints VNET and ID (as VirtualNetwork.print in the Ruby client)', async () => {
    const r = await runCli(['vnet', 'show', '5'], vmEnv(sim, 42));
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expectGolden('vnet-show.txt', r.stdout);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', path: '/vnet/5', query: {} });
  });

  it('--json --extended asks with extended=true and prints the leases with NIC_NAME', async () => {
    const r = await runCli(['vnet', '--extended', 'show', '5', '--json'], vmEnv(sim, 42));
    expectGolden(goldenFor(version, 'vnet-show-extended.json', 'oned7Documents'), r.stdout);
    expect(sim.requests.at(-1)!.query).toEqual({ extended: 'true' });
    expect(r.stdout).toContain('"NIC_NAME": "NIC0"');
  });

  it('without a VNETID: "You have to provide a VNET ID", exit 255', async () => {
    expect(await runCli(['vnet', 'show'], vmEnv(sim, 42))).toEqual({ status: 255, stdout: '', stderr: 'You have to provide a VNET ID\n' });
  });

  it('passes a bad id to the server, which explains it (400)', async () => {
    const r = await runCli(['vnet', 'show', 'abc'], vmEnv(sim, 42));
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/^ERROR: \nInvalid id format \(ID: abc\)/);
  });
  it('ONEGATE_JSON_EMPTY=multiline prints empty objects as the Ruby 3.1 client does; a bad value exits 1', async () => {
    const r = await runCli(['vnet', 'show', '5', '--json'], vmEnv(sim, 42, { ONEGATE_JSON_EMPTY: 'multiline' }));
    expect(r.stdout).toContain('    "PARENT_NETWORK_ID": {\n    },\n');
    expect(await runCli(['vnet', 'show', '5', '--json'], vmEnv(sim, 42, { ONEGATE_JSON_EMPTY: 'tight' }))).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: invalid ONEGATE_JSON_EMPTY=tight (expected compact or multiline)\n',
    });
  });
});
