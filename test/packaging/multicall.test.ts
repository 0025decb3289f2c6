import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseInvocation, programFromName } from '../../cli/multicall';

describe('programFromName', () => {
  it.each([
    ['onegate-agent', 'onegate-agent'],
    ['/usr/bin/onegate-agent', 'onegate-agent'],
    ['onegate-agent-linux-arm64', 'onegate-agent'],
    ['onegate-agent.cjs', 'onegate-agent'],
    ['/usr/bin/onegate', 'onegate'],
    ['onegate.cjs', 'onegate'],
    ['node', undefined],
    ['multicall.cjs', undefined],
    ['onegateway', undefined],
  ])('%s -> %s', (name, expected) => {
    expect(programFromName(name)).toBe(expected);
  });
});

describe('chooseInvocation', () => {
  it('uses the name the OS was given (a symlink keeps its own name in argv0)', () => {
    expect(chooseInvocation('onegate', '/usr/bin/onegate-agent', ['vm', 'show']))
      .toEqual({ program: 'onegate', args: ['vm', 'show'], byArgument: false });
  });
  it('uses the script name under node', () => {
    expect(chooseInvocation('node', '/x/onegate-agent.cjs', ['status']))
      .toEqual({ program: 'onegate-agent', args: ['status'], byArgument: false });
  });
  it('lets the first argument choose when no name matches', () => {
    expect(chooseInvocation('node', '/x/multicall.cjs', ['onegate', 'vm', 'show', '--json']))
      .toEqual({ program: 'onegate', args: ['vm', 'show', '--json'], byArgument: true });
  });
  it('returns undefined for an unknown name and no program argument', () => {
    expect(chooseInvocation('node', '/x/multicall.cjs', ['vm', 'show'])).toBeUndefined();
    expect(chooseInvocation('node', undefined, [])).toBeUndefined();
  });
});

describe('dist/multicall.cjs', () => {
  const bundle = resolve('dist/multicall.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'multicall-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs onegate-agent when started through a link of that name', () => {
    const link = join(dir, 'onegate-agent');
    symlinkSync(bundle, link);
    expect(execFileSync(process.execPath, [link, '--version'], { encoding: 'utf8' })).toMatch(/^onegate-agent \S+\n$/);
  });
  it('runs the program named by the first argument', () => {
    expect(execFileSync(process.execPath, [bundle, 'onegate-agent', '--version'], { encoding: 'utf8' }))
      .toMatch(/^onegate-agent \S+\n$/);
  });
  it('explains itself and exits 1 when it cannot tell the program', () => {
    const r = spawnSync(process.execPath, [bundle, 'status'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/link it as onegate or onegate-agent/);
  });
});
