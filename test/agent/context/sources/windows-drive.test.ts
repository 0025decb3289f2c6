import { describe, expect, it } from 'vitest';
import { labelIsContext, windowsDriveSource } from '../../../../agent/context/sources/windows-drive';
import type { SourceContext } from '../../../../agent/context/types';
import { silentLogger } from '../../../../agent/log';

const win = { platform: 'win32' as const, env: { ComSpec: 'C:\\Windows\\system32\\cmd.exe' } };
const result = (stdout: string, code = 0) => ({ code, signal: null, stdout, stderr: '', timedOut: false, aborted: false });

function sourceContext(files: Record<string, string>): SourceContext {
  return {
    root: '/',
    env: {},
    log: silentLogger,
    path: (p) => p,
    readOptional: async (f) => files[f],
    findProgram: async () => undefined,
  };
}

describe('labelIsContext', () => {
  it.each([
    ['Volume in drive D is CONTEXT\r\nVolume Serial Number is 1234-ABCD\r\n', true],
    ['\r\n Datenträger in Laufwerk E: ist CONTEXT\r\n', true],
    ['Volume in drive D is DATA\r\n', false],
    ['Volume in drive D has no label\r\nCONTEXT\r\n', false],
    ['Volume in drive D is CONTEXTS\r\n', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(labelIsContext(text)).toBe(expected);
  });
});

describe('windowsDriveSource', () => {
  it('reads context.sh and token.txt from the first drive with context.sh whose label is CONTEXT', async () => {
    const asked: string[] = [];
    const source = windowsDriveSource(win, {
      vol: async (root) => {
        asked.push(root);
        return result(`Volume in drive ${root[0]} is ${root === 'F:\\' ? 'CONTEXT' : 'BACKUP'}\r\n`);
      },
    });
    const files = { 'E:\\context.sh': "VMID='1'\n", 'F:\\context.sh': "VMID='42'\n", 'F:\\token.txt': 'tok\n' };
    expect(await source.read(sourceContext(files))).toEqual({ kind: 'cdrom', origin: 'F:\\', contextSh: "VMID='42'\n", tokenTxt: 'tok\n' });
    expect(asked).toEqual(['E:\\', 'F:\\']);
  });
  it('is absent when no labelled drive has context.sh, when vol fails, and off Windows', async () => {
    const labelled = { vol: async () => result('Volume in drive D is CONTEXT\r\n') };
    expect(await windowsDriveSource(win, labelled).read(sourceContext({}))).toBeUndefined();
    const failing = { vol: async () => result('', 1) };
    expect(await windowsDriveSource(win, failing).read(sourceContext({ 'D:\\context.sh': '' }))).toBeUndefined();
    const linux = windowsDriveSource({ platform: 'linux', env: {} }, labelled);
    expect(await linux.read(sourceContext({ 'D:\\context.sh': '' }))).toBeUndefined();
    expect(linux.watch.files?.(sourceContext({}))).toEqual([]);
  });
  it('watches context.sh and token.txt of every drive from D to Z on Windows', () => {
    const files = windowsDriveSource(win).watch.files?.(sourceContext({})) ?? [];
    expect(files).toHaveLength(46);
    expect(files.slice(0, 2)).toEqual(['D:\\context.sh', 'D:\\token.txt']);
  });
});
