import { describe, expect, it } from 'vitest';
import { powershellTextArgv, programArgv } from '../../../agent/platform/programs';

const win = { platform: 'win32' as const, env: { SystemRoot: 'C:\\Windows', ComSpec: 'C:\\Windows\\system32\\cmd.exe' } };
const ps = [
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  '-NoLogo',
  '-NoProfile',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
];

describe('programArgv', () => {
  it('runs any file itself on Linux (its #! line and mode decide)', () => {
    expect(programArgv('/etc/onegate-agent/hooks.d/vm/10-x.ps1', { platform: 'linux', env: {} })).toEqual([
      '/etc/onegate-agent/hooks.d/vm/10-x.ps1',
    ]);
  });
  it.each([
    ['C:\\h\\a.exe', ['C:\\h\\a.exe']],
    ['C:\\h\\A.EXE', ['C:\\h\\A.EXE']],
    ['C:\\h\\a.com', ['C:\\h\\a.com']],
    ['C:\\h\\a.cmd', ['C:\\Windows\\system32\\cmd.exe', '/d', '/c', 'C:\\h\\a.cmd']],
    ['C:\\h\\a.Bat', ['C:\\Windows\\system32\\cmd.exe', '/d', '/c', 'C:\\h\\a.Bat']],
    ['C:\\h\\a.ps1', [...ps, '-File', 'C:\\h\\a.ps1']],
    ['C:\\h\\a.sh', undefined],
    ['C:\\h\\README', undefined],
  ])('on Windows runs %s as %j', (path, argv) => {
    expect(programArgv(path, win)).toEqual(argv);
  });
  it('finds cmd.exe under SystemRoot when ComSpec is unset, and C:\\Windows when both are', () => {
    expect(programArgv('x.cmd', { platform: 'win32', env: { SYSTEMROOT: 'D:\\W' } })?.[0]).toBe('D:\\W\\System32\\cmd.exe');
    expect(programArgv('x.cmd', { platform: 'win32', env: {} })?.[0]).toBe('C:\\Windows\\System32\\cmd.exe');
  });
});

describe('powershellTextArgv', () => {
  it('passes the text as base64 of UTF-16LE, so quotes and newlines arrive unchanged', () => {
    const text = 'if (Test-Path "C:\\ready") { exit 0 }\nexit 1 # ü';
    const argv = powershellTextArgv(text, win);
    expect(argv.slice(0, -2)).toEqual(ps);
    expect(argv.at(-2)).toBe('-EncodedCommand');
    expect(Buffer.from(argv.at(-1) ?? '', 'base64').toString('utf16le')).toBe(text);
  });
});
