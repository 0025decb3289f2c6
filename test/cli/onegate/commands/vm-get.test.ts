import { describe, expect, it } from 'vitest';
import { perSuite } from '../../../support/per-test';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { runCli, startWorld, vmEnv } from '../helpers';

describe.each(SERVER_VERSIONS)('onegate vm get KEY [VMID] (extension) (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));

  it.each([
    [['vm', 'get', 'DESCRIPTION'], 'frontend\n'],
    [['vm', 'get', 'description'], 'frontend\n'],
    [['vm', 'get', 'APP/PORT'], '8080\n'],
    [['vm', 'get', 'APP'], '{\n  "PORT": "8080",\n  "PROTO": "http"\n}\n'],
    [['vm', 'get', 'READY', '43'], 'YES\n'],
    [['vm', 'get', '--json', 'DESCRIPTION'], '"frontend"\n'],
    [['vm', 'get', 'TAG', '--yaml'], '- a\n- b\n'],
  ])('%j prints %j', async (args, stdout) => {
    expect(await runCli(args, vmEnv(sim, 42))).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('exits 1 with a message when the attribute is not set', async () => {
    expect(await runCli(['vm', 'get', 'NOPE'], vmEnv(sim, 42))).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: NOPE is not set in the user template of VM 42\n',
    });
  });

  it('without KEY: a usage error, exit 255', async () => {
    expect(await runCli(['vm', 'get'], vmEnv(sim, 42))).toEqual({
      status: 255,
      stdout: '',
      stderr: 'You have to provide an attribute name\n',
    });
  });
});
