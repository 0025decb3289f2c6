import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.join(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/context');
const TOKEN = 'yCxieDUS7kra7Vn9ILA0+g==';

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist/onegate-agent.cjs'), 'context', ...args], {
    env: { PATH: '/nonexistent', ONEGATE_CONTEXT_ROOT: path.join(FIXTURES, 'roots/empty'), ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('onegate-agent context', () => {
  it('prints endpoint, VMID, redacted token, origins and variables of a CONTEXT cd-rom', () => {
    const r = run([], { ONEGATE_CONTEXT_ROOT: path.join(FIXTURES, 'roots/cdrom') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^endpoint: +http:\/\/10\.20\.0\.1:5030 +\(from ONEGATE_ENDPOINT in context\.sh on .*\/dev\/sr0\)$/m);
    expect(r.stdout).toMatch(/^vmid: +1187 /m);
    expect(r.stdout).toMatch(/^token: +<redacted> +\(from token\.txt on .*\/dev\/sr0\)$/m);
    expect(r.stdout).toMatch(/^source: +cdrom /m);
    expect(r.stdout).toContain('  SSH_PUBLIC_KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyMaterialForTestsOnly alice@laptop\\nssh-rsa');
    expect(r.stdout).toContain('  ETH0_IP6=""\n');
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.stderr).toBe('');
  });
  it('--show-token shows it', () => {
    const r = run(['--show-token'], { ONEGATE_CONTEXT_ROOT: path.join(FIXTURES, 'roots/cdrom') });
    expect(r.stdout).toMatch(new RegExp(`^token: +${TOKEN.replace(/\+/g, '\\+')} `, 'm'));
  });
  it('--json: one object; token variables redacted too', () => {
    const dir = path.join(FIXTURES, 'roots/lxc-context-token/context');
    const r = run(['--json', '--context-dir', dir]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['endpoint', 'vmid', 'token', 'source', 'sources', 'vars']);
    expect(doc).toMatchObject({ endpoint: 'http://10.0.0.1:5030', vmid: '12', token: '<redacted>', source: 'directory' });
    expect(doc.sources.token).toBe(`ONEGATE_TOKEN in context.sh on ${dir}`);
    expect(doc.vars).toMatchObject({ ONEGATE_TOKEN: '<redacted>', TOKENTXT: '<redacted>', IFS: ',', PATH: ':/opt/custom/bin' });
    const shown = JSON.parse(run(['--json', '--show-token', `--context-dir=${dir}`]).stdout);
    expect(shown.token).toBe('Zm9yY2VkLXRva2VuLWZyb20tY29udGV4dA==');
    expect(shown.vars.TOKENTXT).toBe('shadowed-token');
  });
  it('explicit options and the environment, each with its origin', () => {
    const r = run(['--json', '--vmid', '99'], { ONEGATE_ENDPOINT: 'http://[fd00:10::1]:5030', TOKENTXT: 'abc' });
    expect(JSON.parse(r.stdout)).toMatchObject({
      endpoint: 'http://[fd00:10::1]:5030',
      vmid: '99',
      source: 'environment',
      sources: { endpoint: 'environment ONEGATE_ENDPOINT', vmid: '--vmid', token: 'environment TOKENTXT' },
    });
  });
  it('exit 1 and a line naming what is missing', () => {
    const r = run(['--context-file', path.join(FIXTURES, 'samples/quote-torture/context.sh')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('onegate-agent context: not found: token\n');
  });
  it('--debug says which sources were skipped', () => {
    const r = run(['--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^debug: context: no .*\/dev\/disk\/by-label\/CONTEXT$/m);
    expect(r.stderr).toMatch(/^debug: context: skipping .*\/var\/run\/one-context\/one_env: ENOENT$/m);
    expect(run([]).stderr).not.toContain('debug');
  });

  const bad: [string, string[], Record<string, string>, RegExp][] = [
    [
      'an endpoint that is not a URL',
      ['--endpoint', '10.0.0.1:5030'],
      {},
      /^onegate-agent context: --endpoint: endpoint "10.0.0.1:5030" is not an http\(s\) URL\n$/,
    ],
    [
      'a non-numeric VMID in the environment',
      [],
      { VMID: 'abc' },
      /^onegate-agent context: environment VMID: VMID "abc" is not a number\n$/,
    ],
    [
      'a file that is not a context file',
      ['--context-file', path.join(FIXTURES, 'samples/not-context/context.sh')],
      {},
      /^onegate-agent context: .*not-context\/context\.sh: not a context file: line 1, column 1: expected NAME='value', found a word that is not an assignment\n$/,
    ],
    [
      'a --context-dir that does not exist',
      ['--context-dir', '/nonexistent/ctx'],
      {},
      /^onegate-agent context: --context-dir: cannot read \/nonexistent\/ctx\/context\.sh: ENOENT \(no such file or directory\)\n$/,
    ],
    ['an unknown option', ['--bogus'], {}, /^onegate-agent context: unknown argument "--bogus" \(see --help\)\n$/],
    ['a missing option value', ['--vmid'], {}, /^onegate-agent context: option --vmid needs a value\n$/],
    [
      'both --context-dir and --context-file',
      ['--context-dir', '/x', '--context-file', '/y'],
      {},
      /either --context-dir or --context-file/,
    ],
  ];
  for (const [name, args, env, stderr] of bad) {
    it(`exit 2 on ${name}, with one line`, () => {
      const r = run(args, env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(stderr);
      expect(r.stdout).toBe('');
    });
  }
  it('--help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: onegate-agent context /);
  });
});
