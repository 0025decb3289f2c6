import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { expectGolden, runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vrouter show (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld('spec-vrouter', version));

  it('prints VROUTER, NAME, the VM ids joined with commas and an empty line (as VirtualRouter.print in the Ruby client)', async () => {
    const r = await runCli(['vrouter', 'show'], vmEnv(sim, 44));
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expectGolden('vrouter-show.txt', r.stdout);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', path: '/vrouter' });
  });

  it('--json prints the document; --extended changes nothing in the text', async () => {
    const [json, ext] = await Promise.all([
      runCli(['vrouter', 'show', '--json'], vmEnv(sim, 42)),
      runCli(['vrouter', 'show', '--extended'], vmEnv(sim, 42)),
    ]);
    expect(Object.keys(JSON.parse(json.stdout).VROUTER)).toEqual(['NAME', 'ID', 'VMS', 'TEMPLATE']);
    expect(json.stdout).toMatch(/^\{\n {2}"VROUTER": \{\n {4}"NAME": "vr",\n/);
    expectGolden('vrouter-show.txt', ext.stdout);
  });

  it('from a VM outside any router: the 400 body, exit 255', async () => {
    const other = await startWorld(undefined, version);
    try {
      expect(await runCli(['vrouter', 'show'], vmEnv(other, 42))).toEqual({
        status: 255,
        stdout: '',
        stderr: 'ERROR: \nEmpty or invalid VROUTER_ID\n',
      });
    } finally {
      await other.close();
    }
  });
});
