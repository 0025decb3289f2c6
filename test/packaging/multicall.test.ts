import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetNames, chooseInvocation, programFromName, runCommonJS } from '../../cli/multicall';
import { tempDir } from '../support/temp-dir';

describe('programFromName', () => {
  it.each([
    ['onegate-agent', 'onegate-agent'],
    ['/usr/bin/onegate-agent', 'onegate-agent'],
    ['onegate-agent-linux-arm64', 'onegate-agent'],
    ['onegate-agent.cjs', 'onegate-agent'],
    ['C:\\Program Files\\onegate-agent\\onegate-agent.exe', 'onegate-agent'],
    ['C:\\Program Files\\onegate-agent\\ONEGATE.EXE', 'onegate'],
    ['c:/tools/Onegate-Agent.exe', 'onegate-agent'],
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
    expect(chooseInvocation('onegate', '/usr/bin/onegate-agent', ['vm', 'show'])).toEqual({
      program: 'onegate',
      args: ['vm', 'show'],
      byArgument: false,
    });
  });
  it('uses the script name under node', () => {
    expect(chooseInvocation('node', '/x/onegate-agent.cjs', ['status'])).toEqual({
      program: 'onegate-agent',
      args: ['status'],
      byArgument: false,
    });
  });
  it('lets the first argument choose when no name matches', () => {
    expect(chooseInvocation('node', '/x/multicall.cjs', ['onegate', 'vm', 'show', '--json'])).toEqual({
      program: 'onegate',
      args: ['vm', 'show', '--json'],
      byArgument: true,
    });
  });
  it('returns undefined for an unknown name and no program argument', () => {
    expect(chooseInvocation('node', '/x/multicall.cjs', ['vm', 'show'])).toBeUndefined();
    expect(chooseInvocation('node', undefined, [])).toBeUndefined();
  });
});

describe('dist/multicall.cjs', () => {
  const bundle = resolve('dist/multicall.cjs');
  const dir = tempDir('multicall-');

  it('runs onegate-agent when started through a link of that name', () => {
    const link = join(dir, 'onegate-agent');
    symlinkSync(bundle, link);
    expect(execFileSync(process.execPath, [link, '--version'], { encoding: 'utf8' })).toMatch(/^onegate-agent \S+\n$/);
  });
  it('runs the program named by the first argument', () => {
    expect(execFileSync(process.execPath, [bundle, 'onegate-agent', '--version'], { encoding: 'utf8' })).toMatch(/^onegate-agent \S+\n$/);
  });
  it('explains itself and exits 1 when it cannot tell the program', () => {
    const r = spawnSync(process.execPath, [bundle, 'status'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/link it as onegate or onegate-agent/);
  });
});

describe('assetNames', () => {
  it('names the bundle and the code cache of each program', () => {
    expect(assetNames('onegate')).toEqual({ script: 'onegate.cjs', codeCache: 'onegate.v8cache' });
    expect(assetNames('onegate-agent')).toEqual({ script: 'onegate-agent.cjs', codeCache: 'onegate-agent.v8cache' });
  });
});

describe('runCommonJS (how the single executable loads a program asset)', () => {
  const source =
    "const { join } = require('node:path'); exports.where = join('a', 'b'); " +
    'exports.file = __filename; exports.dir = __dirname; exports.self = module.exports === exports;';

  it('runs the source as a CommonJS module with the given require', () => {
    const { exports, cacheRejected } = runCommonJS(source, 'test.cjs', require);
    expect(exports).toEqual({ where: 'a/b', file: process.execPath, dir: resolve(process.execPath, '..'), self: true });
    expect(cacheRejected).toBeUndefined();
  });
  it('returns what the module assigned to module.exports', () => {
    expect(runCommonJS('module.exports = { main: 1 };', 'test.cjs', require).exports).toEqual({ main: 1 });
  });
  // Whether V8 takes a good cache shows only in a fresh process (a source compiled before in this one
  // comes from V8's own compilation cache): see dist/sea-main.cjs below.
  it('compiles as if without a cache when V8 refuses it', () => {
    const stale = runCommonJS('exports.v = 1;', 'test.cjs', require).script.createCachedData();
    const r = runCommonJS(`${source} // refused`, 'test.cjs', require, stale);
    expect(r.cacheRejected).toBe(true);
    expect((r.exports as { where: string }).where).toBe('a/b');
    expect(runCommonJS(`${source} // garbage`, 'test.cjs', require, new Uint8Array(64)).cacheRejected).toBe(true);
  });
});

describe("dist/sea-main.cjs (the single executable's main script)", () => {
  const seaMain = resolve('dist/sea-main.cjs');
  const dir = tempDir('sea-main-');
  // Loads a program bundle the way the executable does (runCommonJS of sea-main.cjs, builtins only)
  // and prints its --version, then whether V8 took the cache.
  const load = `const [seaMain, bundle, cache] = process.argv.slice(1); const fs = require('node:fs');
    const { runCommonJS } = require(seaMain);
    const r = runCommonJS(fs.readFileSync(bundle, 'utf8'), require('node:path').basename(bundle),
      (id) => { if (!id.startsWith('node:')) throw new Error('not a builtin: ' + id); return require(id); },
      cache ? fs.readFileSync(cache) : undefined);
    Promise.resolve(r.exports.main(['--version'])).then(() => console.log('cache', r.cacheRejected));`;

  it('leaves both programs out (the executable carries them as assets)', () => {
    expect(statSync(seaMain).size).toBeLessThan(8 * 1024);
    expect(readFileSync(seaMain, 'utf8')).toMatch(/require\("\.\/onegate\/main"\)/);
  });
  it.each(['onegate', 'onegate-agent'])('loads dist/%s.cjs with builtins only, with its code cache from code-cache.cjs', (program) => {
    const bundle = resolve(`dist/${program}.cjs`);
    const cache = join(dir, `${program}.v8cache`);
    execFileSync(process.execPath, ['packaging/sea/code-cache.cjs', seaMain, bundle, cache]);
    const env = { ...process.env, NODE_OPTIONS: '' };
    expect(execFileSync(process.execPath, ['-e', load, seaMain, bundle, cache], { encoding: 'utf8', env })).toMatch(
      new RegExp(`^${program} \\S+\ncache false\n$`),
    );
    // The daemon's heap flags (the systemd unit's NODE_OPTIONS) make V8 refuse the cache; it still runs.
    const daemonEnv = { ...env, NODE_OPTIONS: '--max-old-space-size=32 --max-semi-space-size=1 --v8-pool-size=1' };
    expect(execFileSync(process.execPath, ['-e', load, seaMain, bundle, cache], { encoding: 'utf8', env: daemonEnv })).toMatch(
      new RegExp(`^${program} \\S+\ncache true\n$`),
    );
  });
});
