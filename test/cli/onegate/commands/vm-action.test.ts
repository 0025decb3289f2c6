import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS, switchOn } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

const ACTIONS = [
  'resume',
  'stop',
  'suspend',
  'terminate',
  'reboot',
  'poweroff',
  'resched',
  'unresched',
  'hold',
  'release',
  'delete',
  'shutdown',
];

describe.each(SERVER_VERSIONS)('onegate vm ACTION VMID (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));

  it.each(ACTIONS)('%s always sends POST /vms/VMID/action with the JSON body and reports the outcome', async (action) => {
    const r = await runCli(['vm', action, '43'], vmEnv(sim, 42));
    const req = sim.requests.filter((q) => q.method === 'POST').at(-1)!;
    expect([req.path, req.headers['content-type'], req.body]).toEqual([
      '/vms/43/action',
      'application/json',
      `{"action":{"perform":"${action}"}}`,
    ]);
    // Success prints nothing and exits 0; a refusal prints the server's body and exits 255; 7.x's error handler
    // drops the refusal's text, which the hint line after Ruby's lines says.
    const stderr =
      req.status === 500 && switchOn(version, 'errorHandler500')
        ? /^ERROR: \nInternal server error\nhint: OneGate 7\.x .+\n$/
        : /^ERROR: \n.+\n$/;
    if (req.status >= 200 && req.status < 300) expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    else expect(r).toMatchObject({ status: 255, stdout: '', stderr: expect.stringMatching(stderr) });
  });

  it('--hard (or -f) adds "params":true', async () => {
    await runCli(['vm', 'poweroff', '43', '-f'], vmEnv(sim, 42));
    expect(sim.requests.at(-1)!.body).toBe('{"action":{"perform":"poweroff","params":true}}');
    await runCli(['--hard', 'vm', 'resume', '43'], vmEnv(sim, 42));
    expect(sim.requests.at(-1)!.body).toBe('{"action":{"perform":"resume","params":true}}');
  });

  it('reboot refused by the server default (403) prints the body and exits 255', async () => {
    const r = await runCli(['vm', 'reboot', '42'], vmEnv(sim, 42));
    expect(sim.requests.at(-1)!.status).toBe(403);
    expect(r).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \nAction (reboot) is not allowed on this resource\n' });
  });

  it('without a VMID: "You have to provide a VM ID", exit 255, nothing sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['vm', 'terminate'], vmEnv(sim, 42));
    expect(r).toEqual({ status: 255, stdout: '', stderr: 'You have to provide a VM ID\n' });
    expect(sim.requests.length).toBe(before);
  });
});
