import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstOneEnvValue, parseOneEnv, parseOneEnvEntries } from '../../../agent/context/one-env';

const ONE_ENV = path.join(__dirname, '../../fixtures/context/roots/one-env/var/run/one-context/one_env');

describe('parseOneEnv', () => {
  const text = readFileSync(ONE_ENV, 'utf8');
  it("follows bash's quote boundaries and expands nothing", () => {
    const vars = parseOneEnv(text, 'one_env');
    expect(vars.COST).toBe('cost $HOME and $(id -u)');
    expect(vars.DQ).toBe('she said hello');
    expect(vars.TOKENTXT).toBe('evil'); // what sourcing would give: the injected line is last
  });
  it('keeps every assignment in order; the first TOKENTXT is the one loc-16-gen-env wrote', () => {
    const entries = parseOneEnvEntries(text, 'one_env');
    expect(entries.filter((e) => e.name === 'TOKENTXT').map((e) => e.value)).toEqual(['b25lLWVudi10b2tlbg==', 'shadowed-token', 'evil']);
    expect(firstOneEnvValue(entries, 'TOKENTXT')).toBe('b25lLWVudi10b2tlbg==');
    expect(firstOneEnvValue(entries, 'NOPE')).toBeUndefined();
  });
  it('POSIX double-quote escapes: only \\" \\\\ \\$ \\` and backslash-newline', () => {
    expect(parseOneEnv('export A="a\\"b\\\\c\\$d\\`e\\nf\\\ng"\n', 'x')).toEqual({ A: 'a"b\\c$d`e\\nfg' });
  });
  it('multi-line values, and lines bash would run as commands assign nothing', () => {
    const text2 = 'export X="a"\nrm -rf /nonexistent X=1\nexport M="l1\nexport FAKE=1\nl3"\nY=2 Z=3\n';
    expect(parseOneEnv(text2, 'x')).toEqual({ X: 'a', M: 'l1\nexport FAKE=1\nl3', Y: '2', Z: '3' });
  });
  it('reports an unterminated quote with its line', () => {
    expect(() => parseOneEnv('export A="ok"\nexport B="open\n', '/run/one_env')).toThrow(
      '/run/one_env: not a one_env file: line 2, column 10: in the value of B: unterminated',
    );
  });
  it('rejects a NUL byte, inside quotes too', () => {
    expect(() => parseOneEnv('export A="ok"\nexport B="x\0y"\n', '/run/one_env')).toThrow(
      '/run/one_env: not a one_env file: line 2, column 12: NUL byte',
    );
  });
});
