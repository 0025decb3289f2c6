import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverContext, resolveCredentials } from '../../../agent/context/discover';
import type { Logger } from '../../../agent/log';
import { tempDir } from '../../support/temp-dir';

const ROOTS = path.join(__dirname, '../../fixtures/context/roots');
const SAMPLES = path.join(__dirname, '../../fixtures/context/samples');
const root = (name: string): string => path.join(ROOTS, name);
const NO_ENV = { PATH: '/nonexistent' };

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (m: string): void => {
    lines.push(m);
  };
  return { lines, error: add, warn: add, info: add, debug: add };
}

describe('discoverContext: sources and precedence', () => {
  it('LXC /context: variables, endpoint, VMID and token.txt', async () => {
    const ctx = await discoverContext({ root: root('lxc'), env: NO_ENV });
    expect(ctx).toMatchObject({ endpoint: 'http://10.20.0.1:5030', vmid: '1187', token: 'yCxieDUS7kra7Vn9ILA0+g==', source: 'directory' });
    expect(ctx.sources.token).toBe(`token.txt on ${root('lxc')}/context`);
    expect(ctx.sources.endpoint).toBe(`ONEGATE_ENDPOINT in context.sh on ${root('lxc')}/context`);
    expect(ctx.vars.SET_HOSTNAME).toBe('db-primary');
  });
  it('the context ONEGATE_TOKEN beats token.txt; a context TOKENTXT is ignored', async () => {
    const ctx = await discoverContext({ root: root('lxc-context-token'), env: NO_ENV });
    expect(ctx.token).toBe('Zm9yY2VkLXRva2VuLWZyb20tY29udGV4dA==');
    expect(ctx.sources.token).toMatch(/^ONEGATE_TOKEN in context.sh on /);
  });
  it("one_env alone: first assignments for credentials, bash's view for vars", async () => {
    const ctx = await discoverContext({ root: root('one-env'), env: NO_ENV });
    expect(ctx).toMatchObject({ endpoint: 'http://10.0.0.1:5030', vmid: '5', token: 'b25lLWVudi10b2tlbg==', source: 'one_env' });
    expect(ctx.sources.token).toBe(`${root('one-env')}/var/run/one-context/one_env TOKENTXT`);
    expect(ctx.vars.COST).toBe('cost $HOME and $(id -u)');
  });
  it('readable media beat a stale one_env (found under /run too)', async () => {
    const ctx = await discoverContext({ root: root('lxc-and-stale-one-env'), env: NO_ENV });
    expect(ctx.token).toBe('bmV3LXRva2Vu');
    expect(ctx.source).toBe('directory');
  });
  it('the environment beats the media; TOKENTXT beats ONEGATE_TOKEN', async () => {
    const env = { ...NO_ENV, ONEGATE_ENDPOINT: 'https://gate.example.org/', VMID: '42', TOKENTXT: 't1', ONEGATE_TOKEN: 't2' };
    const ctx = await discoverContext({ root: root('lxc'), env });
    expect(ctx).toMatchObject({ endpoint: 'https://gate.example.org/', vmid: '42', token: 't1', source: 'directory' });
    expect(ctx.sources).toMatchObject({
      endpoint: 'environment ONEGATE_ENDPOINT',
      vmid: 'environment VMID',
      token: 'environment TOKENTXT',
    });
  });
  it('environment ONEGATE_TOKEN: a value, or the path of a token file', async () => {
    const value = await discoverContext({ root: root('empty'), env: { ...NO_ENV, ONEGATE_TOKEN: '/bm90LWEtZmlsZQ==' } });
    expect(value.token).toBe('/bm90LWEtZmlsZQ==');
    const file = path.join(root('lxc'), 'context/token.txt');
    const fromFile = await discoverContext({ root: root('empty'), env: { ...NO_ENV, ONEGATE_TOKEN: file } });
    expect(fromFile.token).toBe('yCxieDUS7kra7Vn9ILA0+g==');
    expect(fromFile.sources.token).toBe(`file ${file} (environment ONEGATE_TOKEN)`);
    const missing = await discoverContext({ root: root('empty'), env: { ...NO_ENV, ONEGATE_TOKEN: '/mnt/token.txt' } });
    expect(missing.token).toBeUndefined();
  });
  it('only the environment: source "environment"', async () => {
    const ctx = await discoverContext({ root: root('empty'), env: { ...NO_ENV, ONEGATE_ENDPOINT: 'http://[fd00:10::1]:5030', VMID: '3' } });
    expect(ctx).toMatchObject({ source: 'environment', vars: { ONEGATE_ENDPOINT: 'http://[fd00:10::1]:5030', VMID: '3' } });
  });
  it('explicit options win over everything and replace the search', async () => {
    const tokenFile = path.join(root('lxc-and-stale-one-env'), 'context/token.txt');
    const env = { ...NO_ENV, ONEGATE_ENDPOINT: 'http://env:1', VMID: '2', TOKENTXT: 'env' };
    const ctx = await discoverContext({
      root: root('one-env'),
      env,
      endpoint: 'http://opt:1',
      vmid: '9',
      tokenFile,
      contextDir: path.join(root('lxc'), 'context'),
    });
    expect(ctx).toMatchObject({ endpoint: 'http://opt:1', vmid: '9', token: 'bmV3LXRva2Vu', source: 'directory' });
    expect(ctx.sources).toMatchObject({ endpoint: '--endpoint', vmid: '--vmid', token: `--token-file ${tokenFile}` });
    expect(ctx.vars.VMID).toBe('1187');
  });
  it('--context-file beats the environment, which fills the gaps', async () => {
    const ctx = await discoverContext({
      root: root('empty'),
      env: { ...NO_ENV, VMID: '77', TOKENTXT: 'env-token' },
      contextFile: path.join(SAMPLES, 'quote-torture/context.sh'),
    });
    expect(ctx).toMatchObject({ endpoint: 'http://10.0.0.1:5030', vmid: '7', token: 'env-token', source: 'file' });
    expect(ctx.sources.vars).toBe(path.join(SAMPLES, 'quote-torture/context.sh'));
  });
  it('nothing anywhere: source "none", missing sources logged at debug', async () => {
    const log = recordingLog();
    const ctx = await discoverContext({ root: root('empty'), env: NO_ENV, log });
    expect(ctx).toMatchObject({ source: 'none', vars: {} });
    expect(ctx.endpoint).toBeUndefined();
    expect(log.lines).toContain(`context: skipping ${root('empty')}/context/context.sh: ENOENT`);
  });
  it.skipIf(process.getuid?.() === 0)('an unreadable one_env is skipped (not as root)', async () => {
    const dir = tempDir('ctx-');
    const file = path.join(dir, 'var/run/one-context/one_env');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'export VMID="1"\n');
    chmodSync(file, 0);
    expect((await discoverContext({ root: dir, env: NO_ENV })).source).toBe('none');
  });
});

describe('discoverContext: bad input and fingerprints', () => {
  it('an endpoint that is not a URL names its source', async () => {
    await expect(discoverContext({ root: root('empty'), env: { ONEGATE_ENDPOINT: '10.0.0.1:5030' } })).rejects.toThrow(
      'environment ONEGATE_ENDPOINT: endpoint "10.0.0.1:5030" is not an http(s) URL',
    );
  });
  it('a non-numeric VMID names its source', async () => {
    await expect(discoverContext({ root: root('lxc'), env: NO_ENV, vmid: 'abc' })).rejects.toMatchObject({
      code: 'CONTEXT_INVALID',
      source: '--vmid',
      message: '--vmid: VMID "abc" is not a number',
    });
  });
  it('a file that is not a context file', async () => {
    await expect(discoverContext({ env: NO_ENV, contextFile: path.join(SAMPLES, 'not-context/context.sh') })).rejects.toMatchObject({
      code: 'CONTEXT_INVALID',
      message: expect.stringMatching(/not-context\/context.sh: not a context file: line 1/),
    });
  });
  it('the fingerprint follows content', async () => {
    const a = await discoverContext({ root: root('lxc'), env: NO_ENV });
    const b = await discoverContext({ root: root('lxc'), env: NO_ENV });
    const c = await discoverContext({ root: root('lxc'), env: { ...NO_ENV, TOKENTXT: 'other' } });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
  });
});

describe('resolveCredentials', () => {
  it('returns the three values', async () => {
    await expect(resolveCredentials({ root: root('lxc'), env: NO_ENV })).resolves.toEqual({
      endpoint: 'http://10.20.0.1:5030',
      vmid: '1187',
      token: 'yCxieDUS7kra7Vn9ILA0+g==',
    });
  });
  it('names what is missing', async () => {
    await expect(resolveCredentials({ root: root('empty'), env: { ONEGATE_ENDPOINT: 'http://h:1', VMID: '1' } })).rejects.toMatchObject({
      code: 'CONTEXT_MISSING',
      source: 'token',
    });
    await expect(resolveCredentials({ root: root('empty'), env: NO_ENV })).rejects.toThrow(/^ONEGATE_ENDPOINT: not found/);
  });
});

// Issue 18 defect 10: a path given explicitly that cannot be read is an error naming it and the errno,
// where a searched source that is absent is skipped quietly.
describe('discoverContext: explicit paths that cannot be read', () => {
  const dir = tempDir('ctx-explicit-');
  const file = path.join(dir, 'plain-file');
  writeFileSync(file, "VMID='1'\n");
  const empty = path.join(dir, 'empty-dir');
  mkdirSync(empty);
  const locked = path.join(dir, 'locked');
  mkdirSync(locked);
  writeFileSync(path.join(locked, 'context.sh'), "VMID='1'\n");
  chmodSync(locked, 0);
  const tokenDir = path.join(dir, 'token-is-a-dir');
  mkdirSync(path.join(tokenDir, 'token.txt'), { recursive: true });
  writeFileSync(path.join(tokenDir, 'context.sh'), "VMID='1'\n");
  const asRoot = process.getuid?.() === 0;

  const cases: [string, Parameters<typeof discoverContext>[0], string, boolean?][] = [
    [
      '--context-dir missing',
      { contextDir: '/nonexistent/dir' },
      '--context-dir: cannot read /nonexistent/dir/context.sh: ENOENT (no such file or directory)',
    ],
    ['--context-dir a file', { contextDir: file }, `--context-dir: cannot read ${file}/context.sh: ENOTDIR (not a directory)`],
    [
      '--context-dir without context.sh',
      { contextDir: empty },
      `--context-dir: cannot read ${empty}/context.sh: ENOENT (no such file or directory)`,
    ],
    [
      '--context-dir unreadable (not as root)',
      { contextDir: locked },
      `--context-dir: cannot read ${locked}/context.sh: EACCES (permission denied)`,
      asRoot,
    ],
    [
      'token.txt in --context-dir not a file',
      { contextDir: tokenDir },
      `--context-dir: cannot read ${tokenDir}/token.txt: EISDIR (illegal operation on a directory)`,
    ],
    [
      '--context-file missing',
      { contextFile: '/nonexistent/context.sh' },
      '--context-file: cannot read /nonexistent/context.sh: ENOENT (no such file or directory)',
    ],
    [
      '--context-file a directory',
      { contextFile: empty },
      `--context-file: cannot read ${empty}: EISDIR (illegal operation on a directory)`,
    ],
    [
      '--context-file unreadable (not as root)',
      { contextFile: path.join(locked, 'context.sh') },
      `--context-file: cannot read ${locked}/context.sh: EACCES (permission denied)`,
      asRoot,
    ],
    [
      '--token-file missing',
      { tokenFile: '/nonexistent/token' },
      '--token-file: cannot read /nonexistent/token: ENOENT (no such file or directory)',
    ],
  ];
  for (const [name, opts, message, skip] of cases) {
    it.skipIf(skip)(`${name}: CONTEXT_INVALID naming the path and the errno`, async () => {
      const err = await discoverContext({ root: root('empty'), env: NO_ENV, ...opts }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CONTEXT_INVALID', message });
    });
  }
  it('a --context-dir without token.txt is fine: the token may be in context.sh', async () => {
    const noToken = path.join(dir, 'no-token');
    mkdirSync(noToken);
    writeFileSync(path.join(noToken, 'context.sh'), "ONEGATE_TOKEN='dG9rZW4='\n");
    expect((await discoverContext({ root: root('empty'), env: NO_ENV, contextDir: noToken })).token).toBe('dG9rZW4=');
  });
});
