import { describe, expect, it } from 'vitest';
import { hostPort, parseArgs } from './cli-args';

describe('parseArgs', () => {
  it('reads every option, in both --opt value and --opt=value forms', () => {
    expect(
      parseArgs([
        '--listen',
        '127.0.0.1:5030',
        '--control=[::1]:5031',
        '--config',
        'c.conf',
        '--fixtures=f.yaml',
        '--contexts',
        'ctx',
        '--quiet',
        '--server-version=7.4',
      ]),
    ).toEqual({
      listen: { host: '127.0.0.1', port: 5030 },
      control: { host: '::1', port: 5031 },
      config: 'c.conf',
      serverVersion: '7.4',
      fixtures: 'f.yaml',
      contexts: 'ctx',
      quiet: true,
      help: false,
    });
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--listen'], '--listen: missing value'],
    [['--listen', '5030'], '--listen: "5030" is not HOST:PORT'],
    [['--control', 'h:99999'], '--control: "h:99999" is not HOST:PORT'],
    [['--bogus'], 'unknown option "--bogus" (see --help)'],
    [['--server-version', 'latest'], '--server-version: "latest" is not a version like 6.10 or 7.4'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('defaults an empty host to 127.0.0.1', () => {
    expect(hostPort(':0', '--listen')).toEqual({ host: '127.0.0.1', port: 0 });
  });
});
