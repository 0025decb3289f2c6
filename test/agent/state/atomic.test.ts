import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFileSync } from '../../../agent/state/atomic';
import { tempDir } from '../../support/temp-dir';

const scratch = () => {
  const d = tempDir('og-atomic-');
  return d;
};

describe('replaceFileSync', () => {
  it('creates missing directories and the file with exactly the modes asked, under a strict umask, leaving no temp file', () => {
    const dir = join(scratch(), 'run', 'onegate-agent');
    const old = process.umask(0o077);
    try {
      replaceFileSync(join(dir, 'vm.json'), '{"a":1}\n', 0o644, 0o755, false);
      replaceFileSync(join(dir, 'vm.json'), '{"a":2}\n', 0o644);
    } finally {
      process.umask(old);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'vm.json')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'vm.json'), 'utf8')).toBe('{"a":2}\n');
    expect(readdirSync(dir)).toEqual(['vm.json']);
  });

  it('gives a private file 0600 in a 0700 directory', () => {
    const dir = join(scratch(), 'state');
    replaceFileSync(join(dir, 'state.json'), '{}\n', 0o600, 0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('never lets a reader in another process see a partial file', async () => {
    const path = join(scratch(), 'doc.json');
    const docs = [0, 1, 2, 3].map((i) => JSON.stringify({ i, pad: String(i).repeat(200_000) }));
    replaceFileSync(path, docs[0], 0o644);
    // The reader parses the file in a loop (bounded in count and time) and prints how often, or dies on a torn read.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `
      const fs = require('node:fs'); let n = 0; const end = Date.now() + 3000;
      while (Date.now() < end && n < 20000 && !fs.existsSync(${JSON.stringify(`${path}.stop`)})) { JSON.parse(fs.readFileSync(${JSON.stringify(path)}, 'utf8')); n++; }
      process.stdout.write(String(n));`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    reader.stdout.on('data', (d) => {
      out += d;
    });
    reader.stderr.on('data', (d) => {
      err += d;
    });
    for (let round = 0; round < 200; round++) {
      replaceFileSync(path, docs[round % 4], 0o644, 0o755, false);
      await new Promise((r) => setTimeout(r, 2));
    }
    replaceFileSync(`${path}.stop`, '', 0o644, 0o755, false);
    const code = await new Promise((r) => reader.on('close', r));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(Number(out)).toBeGreaterThan(0);
  });
});
