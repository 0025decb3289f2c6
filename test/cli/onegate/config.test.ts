// Where the CLI finds endpoint, VMID and token: environment, then one_env over it, then context discovery.
// Once, not per server version: where credentials come from is the client's; the one request made is a plain GET /vm.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../../cli/onegate/config';
import { tempDir } from '../../support/temp-dir';
import { EMPTY_ROOT, FIXTURES, runCli, startWorld } from './helpers';

const root = (name: string): string => join(FIXTURES, 'roots', name);
const ENV = { ONEGATE_ENDPOINT: 'http://192.0.2.1:5030', VMID: '42', TOKENTXT: 'env-token' };

describe('resolveCredentials', () => {
  const resolve = (env: Record<string, string | undefined>, warnings: string[] = []) => resolveCredentials(env, (l) => warnings.push(l));

  it('takes ONEGATE_ENDPOINT, VMID and TOKENTXT from the environment', async () => {
    expect(await resolve({ ...ENV, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT })).toEqual({
      endpoint: ENV.ONEGATE_ENDPOINT,
      vmid: '42',
      token: 'env-token',
    });
  });

  it('lets a readable one_env override the environment, as the Ruby wrapper sourcing it does', async () => {
    expect(await resolve({ ...ENV, ONEGATE_CONTEXT_ROOT: root('one-env') })).toEqual({
      endpoint: 'http://10.0.0.1:5030',
      vmid: '7',
      token: 'token-from-one-env',
    });
  });

  it('is not fooled by a context value that breaks out of its quotes in one_env (docs/onegate-protocol.md, "The Ruby CLI")', async () => {
    expect((await resolve({ ONEGATE_CONTEXT_ROOT: root('one-env-breakout') })).token).toBe('good-token');
  });

  it('fills what is still missing from the context media (/context with token.txt), the environment winning', async () => {
    expect(await resolve({ ONEGATE_ENDPOINT: ENV.ONEGATE_ENDPOINT, ONEGATE_CONTEXT_ROOT: root('lxc-context') })).toEqual({
      endpoint: ENV.ONEGATE_ENDPOINT,
      vmid: '1187',
      token: 'yCxieDUS7kra7Vn9ILA0+g==',
    });
  });

  it('accepts ONEGATE_TOKEN when TOKENTXT is absent', async () => {
    const { token } = await resolve({
      ONEGATE_ENDPOINT: ENV.ONEGATE_ENDPOINT,
      VMID: '1',
      ONEGATE_TOKEN: 'from-onegate-token',
      ONEGATE_CONTEXT_ROOT: EMPTY_ROOT,
    });
    expect(token).toBe('from-onegate-token');
  });

  it('sends a missing token or VMID empty (the server answers 401), but needs an endpoint', async () => {
    expect(await resolve({ ONEGATE_ENDPOINT: ENV.ONEGATE_ENDPOINT, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT })).toEqual({
      endpoint: ENV.ONEGATE_ENDPOINT,
      vmid: '',
      token: '',
    });
    await expect(resolve({ VMID: '1', ONEGATE_CONTEXT_ROOT: EMPTY_ROOT })).rejects.toMatchObject({ code: 'CLI_CONFIG' });
  });

  it.each([
    ['abc', 'environment VMID: VMID "abc" is not a number'],
    ['-1', 'environment VMID: VMID "-1" is not a number'],
    ['42; rm', 'environment VMID: VMID "42; rm" is not a number'],
    ['4\u001b[2J', 'environment VMID: VMID "4\\u001b[2J" is not a number'],
  ])('refuses VMID=%j from the environment as `onegate-agent context` does', async (vmid, message) => {
    await expect(resolve({ ...ENV, VMID: vmid, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT })).rejects.toMatchObject({
      code: 'CONTEXT_INVALID',
      message,
    });
  });

  it('names one_env when its VMID is the malformed one', async () => {
    const dir = tempDir('onegate-cli-');
    mkdirSync(join(dir, 'run/one-context'), { recursive: true });
    writeFileSync(join(dir, 'run/one-context/one_env'), 'export VMID="x7"\n');
    await expect(resolve({ ...ENV, ONEGATE_CONTEXT_ROOT: dir })).rejects.toMatchObject({
      message: `${join(dir, 'run/one-context/one_env')} VMID: VMID "x7" is not a number`,
    });
  });

  it('a malformed VMID is exit 1 with one line, and nothing is sent', async () => {
    const sim = await startWorld();
    try {
      const r = await runCli(['vm', 'show'], {
        ONEGATE_ENDPOINT: sim.url,
        VMID: 'abc',
        TOKENTXT: sim.tokenFor(42),
        ONEGATE_CONTEXT_ROOT: EMPTY_ROOT,
      });
      expect(r).toEqual({ status: 1, stdout: '', stderr: 'onegate: environment VMID: VMID "abc" is not a number\n' });
      expect(sim.requests).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('warns about a one_env that does not parse and goes on with the environment', async () => {
    const warnings: string[] = [];
    expect(await resolve({ ...ENV, ONEGATE_CONTEXT_ROOT: root('broken-one-env') }, warnings)).toMatchObject({ token: 'env-token' });
    expect(warnings).toEqual([expect.stringMatching(/^onegate: ignoring one_env: .*one_env/)]);
  });
});

describe('one_env end to end', () => {
  it('a caller with a stale token in its environment still succeeds when one_env has the right one', async () => {
    const sim = await startWorld();
    const dir = tempDir('onegate-cli-');
    try {
      mkdirSync(join(dir, 'run/one-context'), { recursive: true });
      writeFileSync(
        join(dir, 'run/one-context/one_env'),
        `export TOKENTXT="${sim.tokenFor(42)}"\nexport VMID="42"\nexport ONEGATE_ENDPOINT="${sim.url}"\n`,
        { mode: 0o600 },
      );
      const r = await runCli(['vm', 'get', 'DESCRIPTION'], { ...ENV, TOKENTXT: 'stale', ONEGATE_CONTEXT_ROOT: dir });
      expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
    } finally {
      await sim.close();
    }
  });
});
