import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContextSh } from '../../../agent/context/context-sh';
import { ContextError } from '../../../agent/context/errors';
import { writeContextSh } from './oned-writer';

const SAMPLES = path.join(__dirname, '../../fixtures/context/samples');

function sample(name: string): Record<string, string> {
  return parseContextSh(readFileSync(path.join(SAMPLES, name, 'context.sh'), 'utf8'), name);
}

describe("parseContextSh on the sample cases (expected.json: bash's reading, or the error)", () => {
  for (const name of readdirSync(SAMPLES)) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(path.join(SAMPLES, name, 'expected.json'), 'utf8'));
      if (expected.error) {
        expect(() => sample(name)).toThrow(ContextError);
        expect(() => sample(name)).toThrow(`${name}: not a context file: ${expected.error}`);
      } else {
        expect(sample(name)).toEqual(expected.vars);
      }
    });
  }
});

describe('parseContextSh, the documented expectations (docs/context.md)', () => {
  it('typical KVM context: multi-line key, empty values', () => {
    const v = sample('kvm-typical');
    expect(v.SSH_PUBLIC_KEY.split('\n')).toHaveLength(2);
    expect(v.ETH0_IP6).toBe('');
    expect(v.ETH0_METHOD).toBe('');
    expect(Buffer.from(v.READY_SCRIPT, 'base64').toString()).toBe("#!/bin/sh\nss -ltn | grep -q ':8080 '\n");
  });
  it('quote torture', () => {
    const v = sample('quote-torture');
    expect(v).toMatchObject({ APOS: "O'Brien's pub", MIXED: `"'"'"`, ONLY_QUOTE: "'", TWO_QUOTES: "''" });
    expect(v.BACKSLASH_END.endsWith('p\\')).toBe(true);
    expect(v.ESCAPE_LOOKALIKE).toBe("it'\\''s literally this");
    expect(v.LITERAL_BSLASH_N).toBe('line1\\nline2');
  });
  it('multi-line values cannot inject variables', () => {
    const v = sample('multiline-injection');
    expect(Object.keys(v)).toHaveLength(8);
    expect(v).not.toHaveProperty('EVIL');
    expect(v).not.toHaveProperty('INJECTED');
    expect(v).not.toHaveProperty('REPORT_READY');
    expect(v.FAKE_ASSIGN.split('\n')).toHaveLength(4);
    expect(v.TRAILING_NEWLINES).toBe('value\n\n');
  });
  it('a quote break-out stays inside its value', () => {
    expect(sample('quote-breakout')).toEqual({
      ONEGATE_ENDPOINT: 'http://10.0.0.1:5030',
      TOKEN: 'YES',
      VMID: '5',
      X: 'a"\nexport TOKENTXT="evil',
    });
  });
  it('shell metacharacters stay literal', () => {
    const v = sample('shell-metacharacters');
    expect(v.BACKTICK).toBe('`touch /tmp/pwned`');
    expect(v.DOLLAR).toBe('price: $5 and ${HOME} and $(whoami)');
    expect(v.HASH_START).toBe('#not a comment');
  });
  it('unicode and whitespace are byte-exact (sample 5)', () => {
    const vars = {
      ACCENTS: 'Ærøskøbing café',
      CJK: '数据库服务器',
      EMOJI: 'ready 🚀',
      TABS: 'col1\tcol2\t',
      CRLF: 'line1\r\nline2\r\n',
      SPACES: '  padded  ',
      EMPTY: '',
      ZERO_WIDTH: 'a\u200bb',
      VMID: '10',
      ONEGATE_ENDPOINT: 'http://10.0.0.1:5030',
    };
    expect(parseContextSh(writeContextSh(vars), 'unicode')).toEqual(vars);
  });
  it('a 256 KiB single-line value', () => {
    const big = Buffer.alloc(192 * 1024, 7).toString('base64');
    expect(parseContextSh(writeContextSh({ START_SCRIPT_BASE64: big }), 'big').START_SCRIPT_BASE64).toBe(big);
  });
});

describe('parseContextSh, hand-written files', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['export and double quotes', 'export A="x \\"y\\" \\\\ \\$"\n', { A: 'x "y" \\ $' }],
    ['plain words and comments', "A=plain/word:1 # note\n  # indented comment\nB='q' C=2;\n", { A: 'plain/word:1', B: 'q', C: '2' }],
    ['backslash escapes outside quotes', "A=it\\'s\\ fine\n", { A: "it's fine" }],
    ['line continuation', "A='x'\\\n'y'\n", { A: 'xy' }],
    ['a lone CR inside a value is kept', "A='x\ry'\n", { A: 'x\ry' }],
  ];
  for (const [name, text, vars] of cases) it(name, () => expect(parseContextSh(text, 't')).toEqual(vars));

  const errors: [string, string, string][] = [
    ['a $ expansion', 'A=$HOME\n', 'line 1, column 3: in the value of A: "$" outside quotes'],
    ['a command substitution in double quotes', 'A="`id`"\n', 'line 1, column 4: in the value of A: "`" inside double quotes'],
    ['a command after the assignment', "A='x' rm -rf /\n", "line 1, column 7: expected NAME='value', found a second word after A="],
    ['a command alone', 'rm -rf /\n', "line 1, column 1: expected NAME='value', found a word that is not an assignment"],
    ['a pipe', "A='x' | cat\n", 'line 1, column 7: "|" outside quotes'],
    ['an unterminated double quote', 'A="x\n', 'line 1, column 3: in the value of A: unterminated quoted value (no closing ")'],
    ['a NUL byte', 'A=x\0\n', 'line 1, column 4: NUL byte'],
    ['a NUL byte in single quotes', "A='x\0'\n", 'line 1, column 5: NUL byte'],
    ['a NUL byte in double quotes', 'A=1\nB="x\0"\n', 'line 2, column 5: NUL byte'],
    ['a NUL byte in a comment', '# \0\nA=1\n', 'line 1, column 3: NUL byte'],
    ['an error on a later line', "A='1'\nB='2\n3'\nC=$x\n", 'line 4, column 3: in the value of C: "$"'],
  ];
  for (const [name, text, message] of errors) {
    it(`rejects ${name}`, () => expect(() => parseContextSh(text, 'src')).toThrow(`src: not a context file: ${message}`));
  }

  // The token split off by a stray blank, a secret in a value with an expansion: the message names the
  // position and the variable, never the text.
  const secret = 'c2VjcmV0LXRva2VuLXZhbHVl';
  it.each([
    ['a blank after ONEGATE_TOKEN=', `ONEGATE_TOKEN= ${secret}\n`],
    ['a blank inside an unquoted password', `DB_PASSWORD=hunter2 ${secret}\n`],
    ['an expansion inside a token', `ONEGATE_TOKEN="${secret}$x"\n`],
    ['a token as a command', `${secret}\n`],
    ['an unterminated token', `ONEGATE_TOKEN='${secret}\n`],
  ])('never quotes the text: %s', (_name, text) => {
    expect(() => parseContextSh(text, 'src')).toThrow(ContextError);
    expect(() => parseContextSh(text, 'src')).not.toThrow(secret.slice(0, 8));
  });
});
