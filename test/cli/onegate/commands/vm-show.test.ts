import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { expectGolden, runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vm show (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld('spec-vrouter', version));

  it('prints the header and NAME (as VirtualMachine.print in the Ruby client) after GET /vm with the token and VMID headers', async () => {
    const r = await runCli(['vm', 'show'], vmEnv(sim, 42));
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expectGolden('vm-show.txt', r.stdout);
    const req = sim.requests.at(-1)!;
    expect([req.method, req.path]).toEqual(['GET', '/vm']);
    expect(req.headers['x-onegate-token']).toBe(sim.tokenFor(42));
    expect(req.headers['x-onegate-vmid']).toBe('42');
  });

  it('shows another VM with GET /vms/VMID', async () => {
    const r = await runCli(['vm', 'show', '44'], vmEnv(sim, 42));
    expect(r.stdout).toBe('VM 44\nNAME                : web-1               \n');
    expect(sim.requests.at(-1)!.path).toBe('/vms/44');
  });

  it('--json pretty-prints the response in the server order; options work anywhere, bundled or abbreviated', async () => {
    const runs = await Promise.all(
      [
        ['vm', 'show', '--json'],
        ['--json', 'vm', 'show'],
        ['-j', 'vm', 'show'],
        ['vm', '--js', 'show'],
      ].map((args) => runCli(args, vmEnv(sim, 42))),
    );
    for (const r of runs) expect(r).toMatchObject({ status: 0, stdout: runs[0]!.stdout });
    expectGolden('vm-show.json', runs[0]!.stdout);
    const body = sim.requests.filter((q) => q.path === '/vm').at(-1)!;
    expect(Object.keys(JSON.parse(runs[0]!.stdout).VM)).toEqual(['NAME', 'ID', 'STATE', 'LCM_STATE', 'USER_TEMPLATE', 'TEMPLATE']);
    expect(body.status).toBe(200);
  });

  it('ignores --extended and extra words, as the Ruby client', async () => {
    const r = await runCli(['vm', 'show', '--extended', '44', 'extra'], vmEnv(sim, 42));
    expect(r.stdout).toBe('VM 44\nNAME                : web-1               \n');
  });

  it('--yaml prints the same document as YAML', async () => {
    const [yaml, json] = await Promise.all([
      runCli(['vm', 'show', '--yaml'], vmEnv(sim, 42)),
      runCli(['vm', 'show', '-j'], vmEnv(sim, 42)),
    ]);
    expect(yaml.status).toBe(0);
    expect(load(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect(yaml.stdout).toContain('ID: "42"');
  });

  it('refuses a VMID that is not a number without sending anything (the server would show VM 0)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['vm', 'show', 'abc'], vmEnv(sim, 42));
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toBe('onegate: invalid VM ID "abc": not a non-negative integer\n');
    expect(sim.requests.length).toBe(before);
  });
});
