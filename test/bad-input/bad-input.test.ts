// The bad-input suite: every case of cases.ts run through the real programs (the bundles in dist/), one
// process each. Beyond its one line and exit status, a case must print no stack trace and none of its secrets.
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { type BadInputCase, CASES } from './cases';

const REPO = resolve(__dirname, '../..');
const BUNDLES = { onegate: join(REPO, 'dist/onegate.cjs'), 'onegate-agent': join(REPO, 'dist/onegate-agent.cjs') };
const EMPTY_ROOT = join(REPO, 'test/fixtures/cli/roots/empty');
// A V8 stack frame ("    at fn (file:1:2)") or Node's report of an uncaught error.
const STACK = /^\s+at .+:\d+(:\d+)?\)?$|Uncaught|UnhandledPromiseRejection|node:internal/m;

function prepare(c: BadInputCase): string {
  const dir = tempDir('onegate-bad-input-');
  if (c.fixture === undefined) return dir;
  cpSync(join(REPO, 'test/fixtures/bad-input', c.fixture), dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const text = readFileSync(file, 'latin1');
    if (text.includes('@DIR@')) writeFileSync(file, text.replaceAll('@DIR@', dir), 'latin1');
  }
  return dir;
}

function run(c: BadInputCase, dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = c.args.map((a) => a.replaceAll('@DIR@', dir));
  return new Promise((done) => {
    const child = spawn(process.execPath, [BUNDLES[c.program], ...args], {
      env: { PATH: process.env.PATH, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT, ...c.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // A bound, not a timing assertion: a case that hangs fails on its exit status instead of the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('bad input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = prepare(c);
    const r = await run(c, dir);
    const lines = r[c.stream ?? 'stderr'].replace(/\n$/, '').split('\n');
    const at = c.lineAt ?? 0;
    expect(lines.at(at)).toBe(c.line.replaceAll('@DIR@', dir));
    expect(r.code).toBe(c.code);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(STACK);
    for (const secret of c.secrets ?? []) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
  });

  it('every fixture directory is used by a case', () => {
    const used = new Set(CASES.map((c) => c.fixture));
    expect(readdirSync(join(REPO, 'test/fixtures/bad-input')).filter((d) => !used.has(d))).toEqual([]);
  });
});
