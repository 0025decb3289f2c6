// Dispatch, help, version and exit statuses of `onegate` as a whole (docs/cli.md, "Output and exit statuses").
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, expectGolden, FIXTURES, runCli } from './helpers';

const RUBY_BLOCK = readFileSync(join(FIXTURES, 'golden/ruby-help-commands.txt'), 'utf8');
const NO_SERVER = { ONEGATE_ENDPOINT: 'http://127.0.0.1:9', VMID: '1', TOKENTXT: 't' };

describe('onegate help, version and usage errors', () => {
  it("--help prints the help on stderr and exits 0; its COMMANDS block is the Ruby client's, byte for byte", async () => {
    const r = await runCli(['--help']);
    expect(r).toMatchObject({ status: 0, stdout: '' });
    expect(r.stderr.startsWith(`${RUBY_BLOCK}\n## EXTENSIONS\n`)).toBe(true);
    expectGolden('help.txt', r.stderr);
  });

  it('-h anywhere, even after other options and words, and before a bad option', async () => {
    const runs = await Promise.all(
      [['vm', 'show', '-h'], ['-jh'], ['--he', '--bogus'], ['service', 'scale', '--help']].map((a) => runCli(a)),
    );
    for (const r of runs) expect(r).toMatchObject({ status: 0, stdout: '', stderr: expect.stringContaining(RUBY_BLOCK) });
  });

  it('--version (or -v) prints the real version on stdout and exits 0', async () => {
    const version = JSON.parse(readFileSync(join(FIXTURES, '../../../package.json'), 'utf8')).version;
    for (const args of [['--version'], ['-v']])
      expect(await runCli(args)).toEqual({ status: 0, stdout: `onegate ${version}\n`, stderr: '' });
  });

  it('no arguments or help: the Ruby help alone, exit 255, nothing read', async () => {
    for (const args of [[], ['help']]) expect(await runCli(args)).toEqual({ status: 255, stdout: '', stderr: RUBY_BLOCK });
  });

  it('an unknown command: one line naming it, then the Ruby help, exit 255', async () => {
    expect(await runCli(['frobnicate'])).toEqual({
      status: 255,
      stdout: '',
      stderr: `onegate: unknown command "frobnicate"\n${RUBY_BLOCK}`,
    });
    expect((await runCli(['foo\u001b[2J', 'show'])).stderr.split('\n')[0]).toBe('onegate: unknown command "foo\\u001b[2J"');
  });

  it('an unknown or missing verb: the Ruby help, an empty line, "Action X not supported", exit 255', async () => {
    expect(await runCli(['vm', 'bogus', '42'], NO_SERVER)).toEqual({
      status: 255,
      stdout: '',
      stderr: `${RUBY_BLOCK}\nAction bogus not supported\n`,
    });
    expect(await runCli(['vm'])).toEqual({ status: 255, stdout: '', stderr: `${RUBY_BLOCK}\nAction  not supported\n` });
    expect((await runCli(['service', 'restart'])).stderr.endsWith('\nAction restart not supported\n')).toBe(true);
  });

  it.each([
    [['--bogus', 'vm', 'show'], 'onegate: invalid option: --bogus\n'],
    [['vm', 'update', '--data'], 'onegate: missing argument: --data\n'],
    [['vm', 'show', '--json=yes'], 'onegate: needless argument: --json=yes\n'],
    [['vm', 'show', '--e'], 'onegate: ambiguous option: --e\n'],
    [['vm', 'show', '--timeout', 'soon'], 'onegate: invalid argument: --timeout soon (expected seconds, a number greater than 0)\n'],
  ])('option error %j: one line on stderr, exit 1', async (args, stderr) => {
    expect(await runCli(args, NO_SERVER)).toEqual({ status: 1, stdout: '', stderr });
  });

  it('ONEGATE_TIMEOUT is checked like --timeout', async () => {
    expect(await runCli(['vm', 'show'], { ...NO_SERVER, ONEGATE_TIMEOUT: '-3' })).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: invalid argument: ONEGATE_TIMEOUT -3 (expected seconds, a number greater than 0)\n',
    });
  });

  it('no endpoint anywhere: exit 1 with a message naming what to set', async () => {
    const r = await runCli(['vm', 'show'], { VMID: '1', TOKENTXT: 't' });
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: no OneGate endpoint: set ONEGATE_ENDPOINT, or run in a VM whose context has TOKEN="YES"\n',
    });
  });

  it('an endpoint without a scheme: exit 1 naming it', async () => {
    const r = await runCli(['vm', 'show'], { ...NO_SERVER, ONEGATE_ENDPOINT: '10.0.0.1:5030' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^onegate: invalid OneGate endpoint "10\.0\.0\.1:5030": it has no http:\/\/ or https:\/\/ scheme\n/);
  });

  it('a reader that closes the pipe early causes no stack trace', async () => {
    const child = spawn(process.execPath, [CLI, '--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the write gets EPIPE
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const status = await new Promise((r) => child.on('close', r));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });
});
