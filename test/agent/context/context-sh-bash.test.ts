// Property test: random values full of characters a shell cares about, written the way oned writes
// them, must parse to exactly what bash gets by sourcing the file.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContextSh } from '../../../agent/context/context-sh';
import { tempDir } from '../../support/temp-dir';
import { writeContextSh } from './oned-writer';

const NASTY = [
  "'",
  "'\\''",
  '"',
  '\\',
  '\\n',
  '$',
  '${HOME}',
  '$(id)',
  '`',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '#',
  '=',
  ';',
  '|',
  '&',
  '(',
  ')',
  '{',
  '}',
  '*',
  '?',
  '[',
  ']',
  '~',
  '!',
  '%',
  '<',
  '>',
  'é',
  '数',
  '🚀',
  '\u200b',
  "X='y'",
  '\nEVIL=1\n',
  'export ',
  '\\\n',
  'a',
  'Z',
  '0',
];
const FILES = 60;
const VARS_PER_FILE = 25;
const SEED = Number(process.env.CONTEXT_PROPERTY_SEED ?? Date.now() % 1_000_000);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomVars(rand: () => number): Record<string, string> {
  const vars: Record<string, string> = {};
  for (let i = 0; i < VARS_PER_FILE; i++) {
    const name = `V${i}_${Math.floor(rand() * 1e6)
      .toString(36)
      .toUpperCase()}`;
    const pieces = Math.floor(rand() * 12); // 0 gives an empty value
    let value = '';
    for (let j = 0; j < pieces; j++) value += NASTY[Math.floor(rand() * NASTY.length)];
    vars[name] = value;
  }
  return vars;
}

function sourceWithBash(file: string, names: string[]): Record<string, string> {
  const script = 'source "$1"; shift; for n in "$@"; do printf "%s\\0%s\\0" "$n" "${!n}"; done';
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', file, ...names], { env: {}, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bash failed: ${r.stderr.toString()}`);
  const parts = r.stdout.toString('utf8').split('\0');
  const vars: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) vars[parts[i]] = parts[i + 1];
  return vars;
}

describe(`parseContextSh equals bash on random oned-written files (seed ${SEED}; rerun with CONTEXT_PROPERTY_SEED)`, () => {
  const dir = tempDir('context-sh-');

  it(`${FILES} files of ${VARS_PER_FILE} variables`, () => {
    const rand = random(SEED);
    for (let n = 0; n < FILES; n++) {
      const vars = randomVars(rand);
      const text = writeContextSh(vars);
      const file = path.join(dir, `context-${n}.sh`);
      writeFileSync(file, text);
      const fromBash = sourceWithBash(file, Object.keys(vars));
      expect(fromBash, `bash itself must read back what was written (file ${n})`).toEqual(vars);
      expect(parseContextSh(text, file), `file ${n}`).toEqual(fromBash);
    }
  });

  it('without a final newline, and with CRLF inside values', () => {
    const vars = { A: 'one\r\ntwo\r', B: "it's\r\n" };
    const text = writeContextSh(vars).replace(/\n$/, '');
    const file = path.join(dir, 'no-eol.sh');
    writeFileSync(file, text);
    expect(parseContextSh(text, file)).toEqual(sourceWithBash(file, ['A', 'B']));
  });
});
