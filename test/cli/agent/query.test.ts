// `onegate-agent query` on run directories as the pull leaves them (test/fixtures/query/), in process with
// a fixed clock; the end-to-end case against the simulator and a real daemon is query-daemon.test.ts.
import { cpSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuery } from '../../../cli/agent/commands/query';
import { writeResult } from '../../../cli/agent/output';
import { tempDir } from '../../support/temp-dir';

const FIXTURES = join(__dirname, '../../fixtures/query');
const CONTEXT = join(FIXTURES, 'context');
/** Every document of a fixture changed at this time; the clock reads 90 s later. */
const CHANGED = Date.parse('2026-12-04T18:00:00.000Z');
const NOW = CHANGED + 90_000;
const TOKEN_IN_CONTEXT = 'c2VjcmV0LXRva2VuLWluLWNvbnRleHQ=';
const TOKEN_IN_FILE = 'dG9rZW4tZnJvbS10b2tlbi10eHQ=';

/** A run directory holding the fixtures `cases` (member, router, raw-single-nic), mtimes at CHANGED. */
function runDir(...cases: string[]): string {
  const dir = tempDir('oga-query-');
  for (const c of cases) cpSync(join(FIXTURES, c), dir, { recursive: true });
  for (const f of ['vm.json', 'service.json', 'vrouter.json', 'vnet-0.json', 'vnet-1.json']) touch(join(dir, f));
  return dir;
}

function touch(file: string): void {
  if (existsSync(file)) utimesSync(file, CHANGED / 1000, CHANGED / 1000);
}

async function query(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runQuery(['--config', '/nonexistent-default/agent.yaml', ...args], {
    now: () => NOW,
    contextRoot: tempDir('oga-root-'),
  });
  let stdout = '';
  let stderr = '';
  const code = writeResult('query', result, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr: stderr.replace(/^onegate-agent query: \/nonexistent-default.*\n/, '') };
}

describe('onegate-agent query PATH', () => {
  it.each([
    [['vm.USER_TEMPLATE.ROLE_NAME'], 'web\n'],
    [['vm.TEMPLATE.NIC.0.IP', 'vm.ID', 'service.roles.web.cardinality'], '10.0.0.5\n42\n2\n'],
    [['service.roles.web.nodes.0.running'], 'null\n'],
    [['service.roles.db.nodes.0.deploy_id'], '44\n'],
    [['vm.USER_TEMPLATE.TAG'], '["a","b"]\n'],
    [['vm.USER_TEMPLATE.APP'], '{"PORT":"8080","PROTO":"http"}\n'],
    [['--json', 'vm.USER_TEMPLATE.APP', 'vm.ID'], '{\n  "PORT": "8080",\n  "PROTO": "http"\n}\n"42"\n'],
  ])('answers %j (exit 0)', async (args, stdout) => {
    expect(await query(['--run-dir', runDir('member'), ...args])).toEqual({ code: 0, stdout, stderr: '' });
  });

  it('reads the router documents: vrouter, and vnet by network ID or name', async () => {
    const r = await query([
      '--run-dir',
      runDir('router'),
      'vrouter.NAME',
      'vrouter.TEMPLATE.NIC.1.NETWORK_ID',
      'vnet.1.NAME',
      'vnet.0.NAME',
      'vnet.private.ID',
    ]);
    expect(r).toEqual({ code: 0, stdout: 'gw\n1\nprivate\npublic\n1\n', stderr: '' });
  });

  it('exits 1 naming the path and the deepest part that exists; other PATHs keep their lines', async () => {
    const r = await query(['--run-dir', runDir('member'), 'vm.ID', 'vm.USER_TEMPLATE.ROLE', 'vm.TEMPLATE.NIC.1.MAC']);
    expect(r).toEqual({
      code: 1,
      stdout: '42\n\n02:00:0a:00:01:05\n',
      stderr:
        'onegate-agent query: vm.USER_TEMPLATE.ROLE: not found: vm.USER_TEMPLATE has no "ROLE" (keys: APP, DESCRIPTION, ROLE_NAME, SERVICE_ID, TAG)\n',
    });
    const one = await query(['--run-dir', runDir('member'), 'service.roles.api']);
    expect(one).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'onegate-agent query: service.roles.api: not found: service.roles is a list of 2 with no element named "api" (names: web, db)\n',
    });
  });

  it('exits 1 for a document the VM does not have', async () => {
    const dir = runDir('member');
    const r = await query(['--run-dir', dir, 'vrouter.NAME', 'vnet.1.NAME']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `onegate-agent query: vrouter.NAME: not found: vrouter is not cached (no vrouter.json in ${dir}: the VM is in no virtual router, or pull.vrouter is never, or the server refuses /vrouter)\n` +
        `onegate-agent query: vnet.1.NAME: not found: vnet is not cached (no vnet-<id>.json in ${dir}: no network is pulled: the VM is not a virtual router and pull.vnets names no network)\n`,
    );
  });

  it('exits 2 when there is no cache, naming the directory and what to do, once for several PATHs', async () => {
    const gone = join(tempDir('oga-query-'), 'run');
    expect(await query(['--run-dir', gone, 'vm.ID', 'service.name'])).toEqual({
      code: 2,
      stdout: '\n\n',
      stderr: `onegate-agent query: ${gone} does not exist: no daemon has pulled since boot; start it (systemctl start onegate-agent) with pull.enabled: true, or name its run_dir with --config or --run-dir\n`,
    });
    const empty = tempDir('oga-query-');
    expect((await query(['--run-dir', empty, 'vm.ID'])).stderr).toBe(
      `onegate-agent query: no cached documents in ${empty} (no vm.json): the daemon has not run since boot (no status.json); start it (systemctl start onegate-agent) with pull.enabled: true\n`,
    );
  });

  it('finds run_dir through --config', async () => {
    const dir = runDir('member');
    const config = join(tempDir('oga-query-cfg-'), 'agent.yaml');
    writeFileSync(config, `run_dir: ${dir}\n`);
    const result = await runQuery(['--config', config, 'vm.NAME'], { now: () => NOW });
    expect(result).toMatchObject({
      code: 0,
      output: { layout: 'query', data: { answers: [{ found: true, value: 'web_0_(service_7)' }] } },
    });
  });

  it('exits 2 with one line for a damaged document, naming the file', async () => {
    const dir = runDir('member');
    writeFileSync(join(dir, 'service.json'), '{"SERVICE": {');
    expect(await query(['--run-dir', dir, 'service.name'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `onegate-agent query: ${join(dir, 'service.json')}: not a JSON document\n`,
    });
  });

  it.each([
    [['host.name'], 'onegate-agent query: "host.name": starts with neither vm, service, vrouter, vnet, context\n'],
    [['vm..ID'], 'onegate-agent query: "vm..ID": empty key at character 4\n'],
    [['--context-dir', 'a', '--context-file', 'b'], 'onegate-agent query: use either --context-dir or --context-file, not both\n'],
  ])('exits 2 for bad arguments %j', async (args, line) => {
    const r = await query(['--run-dir', runDir('member'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(line.trimEnd());
  });
});

describe('onegate-agent query context', () => {
  it('answers from the same discovery as onegate-agent context, without a cache', async () => {
    const gone = join(tempDir('oga-query-'), 'run');
    const r = await query([
      '--run-dir',
      gone,
      '--context-dir',
      CONTEXT,
      'context.ETH0_IP',
      'context.SSH_PUBLIC_KEY',
      'context.START_SCRIPT',
    ]);
    expect(r).toEqual({ code: 0, stdout: '10.0.0.5\nssh-ed25519 AAAAC3 user@host\necho one\necho two\n', stderr: '' });
  });

  it.each([['context.ONEGATE_TOKEN'], ['context.onegate_token'], ['context.PASSWORD'], ['context.ONEGATE_TOKEN.0']])(
    'refuses the secret %s (exit 1), printing nothing of it',
    async (path) => {
      const r = await query(['--run-dir', runDir('member'), '--context-dir', CONTEXT, path, 'context.ETH0_IP']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('\n10.0.0.5\n');
      expect(r.stderr).toMatch(
        /^onegate-agent query: context\.\S+: refused: query never prints a secret of the context \(onegate-agent context --show-token shows the token\)\n$/,
      );
      for (const secret of [TOKEN_IN_CONTEXT, TOKEN_IN_FILE, 'root-pass-word']) expect(r.stdout + r.stderr).not.toContain(secret);
    },
  );

  it('redacts the secrets in the context as a whole, plain and --json', async () => {
    for (const args of [['context'], ['--json', 'context']]) {
      const r = await query(['--run-dir', runDir('member'), '--context-dir', CONTEXT, ...args]);
      expect(r.code).toBe(0);
      const vars = JSON.parse(r.stdout);
      expect(vars).toMatchObject({
        ETH0_IP: '10.0.0.5',
        ONEGATE_TOKEN: '<redacted>',
        PASSWORD: '<redacted>',
        SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3 user@host',
      });
      for (const secret of [TOKEN_IN_CONTEXT, TOKEN_IN_FILE, 'root-pass-word']) expect(r.stdout).not.toContain(secret);
    }
  });

  it('exits 1 when no context source is found', async () => {
    const r = await query(['--run-dir', runDir('member'), 'context.ETH0_IP']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'onegate-agent query: context.ETH0_IP: not found: context is empty: no context source was found (onegate-agent context --debug shows where it looked)\n',
    );
  });
});

describe('onegate-agent query (no PATH): the listing', () => {
  it('lists the cached documents with their ages, the last pull and the context', async () => {
    const dir = runDir('router');
    cpSync(join(__dirname, '../../fixtures/status/valid/status.json'), join(dir, 'status.json'));
    const r = await query(['--run-dir', dir, '--context-dir', CONTEXT]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `cache:   ${dir} (last successful pull 2026-12-02T03:13:43.312Z (63 h ago))`,
        `vm       changed 2026-12-04T18:00:00.000Z (90 s ago)  ${dir}/vm.json`,
        `vrouter  changed 2026-12-04T18:00:00.000Z (90 s ago)  ${dir}/vrouter.json`,
        `vnet.0   changed 2026-12-04T18:00:00.000Z (90 s ago)  ${dir}/vnet-0.json`,
        `vnet.1   changed 2026-12-04T18:00:00.000Z (90 s ago)  ${dir}/vnet-1.json`,
        `context: directory (context.sh on ${CONTEXT}), 9 variables, read now`,
        '',
      ].join('\n'),
    });
  });

  it('--json: one object with ages in seconds', async () => {
    const dir = runDir('member');
    utimesSync(join(dir, 'service.json'), (NOW - 7200_000) / 1000, (NOW - 7200_000) / 1000);
    const r = await query(['--run-dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      runDir: dir,
      lastPull: null,
      documents: [
        { path: 'vm', file: join(dir, 'vm.json'), changed: '2026-12-04T18:00:00.000Z', ageSeconds: 90 },
        { path: 'service', file: join(dir, 'service.json'), changed: new Date(NOW - 7200_000).toISOString(), ageSeconds: 7200 },
      ],
      context: { source: 'none', variables: 0 },
    });
  });

  it('exits 2 when nothing is cached, still listing the context', async () => {
    const dir = tempDir('oga-query-');
    mkdirSync(join(dir, 'sub'));
    const r = await query(['--run-dir', dir, '--context-dir', CONTEXT]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      `cache:   ${dir} (no successful pull recorded)\n(no documents cached)\ncontext: directory (context.sh on ${CONTEXT}), 9 variables, read now\n`,
    );
    expect(r.stderr).toMatch(/^onegate-agent query: no cached documents in .* \(no vm\.json\): the daemon has not run since boot/);
  });
});
