import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vm update (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));
  const lastPut = () => sim.requests.filter((q) => q.method === 'PUT').at(-1)!;

  it('sends --data unchanged as the form data=...&type=1; the server splits a literal \\n (as URI.encode_www_form in the Ruby client)', async () => {
    const r = await runCli(['vm', 'update', '--data', 'A=1\\nB=two words&x=%20+y'], vmEnv(sim, 42));
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    const req = lastPut();
    expect([req.path, req.headers['content-type'], req.body]).toEqual([
      '/vm',
      'application/x-www-form-urlencoded',
      'data=A%3D1%5CnB%3Dtwo+words%26x%3D%2520%2By&type=1',
    ]);
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ A: '1', B: 'two words&x=%20+y' });
  });

  it('encodes % and + of context sample 4 (percent and plus-space)', async () => {
    await runCli(['vm', 'update', '-dPERCENT=100%25 url%2Fencoded'], vmEnv(sim, 42));
    expect(lastPut().body).toBe('data=PERCENT%3D100%2525+url%252Fencoded&type=1');
    await runCli(['vm', 'update', '--da=PLUS_SPACE=a+b c'], vmEnv(sim, 42));
    expect(lastPut().body).toBe('data=PLUS_SPACE%3Da%2Bb+c&type=1');
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ PERCENT: '100%25 url%2Fencoded', PLUS_SPACE: 'a+b c' });
  });

  it('accepts --data "" and sends data=&type=1', async () => {
    const r = await runCli(['vm', 'update', '--data', ''], vmEnv(sim, 42));
    expect(lastPut().body).toBe('data=&type=1');
    expect(r.stdout).toBe('');
  });

  it('--erase KEY sends data=KEY&type=2 to /vms/VMID of a peer VM, and removes the attribute', async () => {
    await runCli(['vm', 'update', '43', '--data', 'TMP=x'], vmEnv(sim, 42));
    expect(sim.vm(43).USER_TEMPLATE.TMP).toBe('x');
    const r = await runCli(['vm', 'update', '43', '-e', 'TMP'], vmEnv(sim, 42));
    expect(r.status).toBe(0);
    expect([lastPut().path, lastPut().body]).toEqual(['/vms/43', 'data=TMP&type=2']);
    expect(sim.vm(43).USER_TEMPLATE.TMP).toBeUndefined();
  });

  it('the last of --data/--erase decides', async () => {
    await runCli(['vm', 'update', '--data', 'K=1', '--erase', 'K'], vmEnv(sim, 42));
    expect(lastPut().body).toBe('data=K&type=2');
  });

  it('without --data or --erase: the Ruby message on stderr, exit 255, nothing sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['vm', 'update'], vmEnv(sim, 42));
    expect(r).toEqual({ status: 255, stdout: '', stderr: 'You have to provide the data as a param (--data, --erase)\n' });
    expect(sim.requests.length).toBe(before);
  });

  it('reports a server refusal (403 on a restricted attribute) with its plain-text body', async () => {
    const r = await runCli(['vm', 'update', '--data', 'SERVICE_ID=9'], vmEnv(sim, 42));
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/^ERROR: \n.*SERVICE_ID.*\n$/);
  });
});
