import { describe, expect, it } from 'vitest';
import { decodeReadyScript, readyCheckOf } from '../../../agent/ready/script';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('decodeReadyScript', () => {
  it.each([
    ['base64 of a script', b64('systemctl is-active nginx\n'), 'systemctl is-active nginx\n'],
    [
      'base64 wrapped over lines',
      `${b64('test -f /tmp/ready && echo ok').slice(0, 12)}\n${b64('test -f /tmp/ready && echo ok').slice(12)}`,
      'test -f /tmp/ready && echo ok',
    ],
    ['"true": base64-shaped, decodes to binary', 'true', 'true'],
    ['"echo": base64-shaped, decodes to binary', 'echo', 'echo'],
    ['"date": base64-shaped, decodes to binary', 'date', 'date'],
    ['"exit 0": not base64', 'exit 0', 'exit 0'],
    ['"ls": wrong length', 'ls', 'ls'],
    ['a script with spaces and quotes', 'test "$(cat /tmp/x)" = ok', 'test "$(cat /tmp/x)" = ok'],
    [
      'base64 of invalid UTF-8',
      Buffer.from([0xc3, 0x28, 0x41, 0x42]).toString('base64'),
      Buffer.from([0xc3, 0x28, 0x41, 0x42]).toString('base64'),
    ],
  ])('%s', (_name, input, expected) => {
    expect(decodeReadyScript(input)).toBe(expected);
  });
});

describe('readyCheckOf', () => {
  it('prefers READY_SCRIPT_PATH, runs READY_SCRIPT with /bin/sh, and needs nothing otherwise', () => {
    expect(readyCheckOf({ READY_SCRIPT_PATH: '/opt/ready', READY_SCRIPT: 'true' })).toEqual({
      argv: ['/opt/ready'],
      label: 'READY_SCRIPT_PATH /opt/ready',
    });
    expect(readyCheckOf({ READY_SCRIPT: b64('exit 3') })).toEqual({ argv: ['/bin/sh', '-c', 'exit 3'], label: 'READY_SCRIPT' });
    expect(readyCheckOf({ READY_SCRIPT: '  ', REPORT_READY: 'YES' })).toBeUndefined();
  });
});

describe('readyCheckOf on Windows', () => {
  const win = { platform: 'win32' as const, env: { SystemRoot: 'C:\\Windows', ComSpec: 'C:\\Windows\\system32\\cmd.exe' } };
  it('runs READY_SCRIPT_PATH by its extension', () => {
    expect(readyCheckOf({ READY_SCRIPT_PATH: 'C:\\ready.cmd' }, win)).toEqual({
      argv: ['C:\\Windows\\system32\\cmd.exe', '/d', '/c', 'C:\\ready.cmd'],
      label: 'READY_SCRIPT_PATH C:\\ready.cmd',
    });
    expect(readyCheckOf({ READY_SCRIPT_PATH: 'C:\\ready.txt' }, win)?.argv).toEqual(['C:\\ready.txt']);
  });
  it('runs READY_SCRIPT, decoded, as PowerShell text', () => {
    const argv = readyCheckOf({ READY_SCRIPT: b64('exit 3') }, win)?.argv ?? [];
    expect(argv[0]).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(argv.at(-2)).toBe('-EncodedCommand');
    expect(Buffer.from(argv.at(-1) ?? '', 'base64').toString('utf16le')).toBe('exit 3');
  });
});
