import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../agent/sync/write-atomic';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const scratch = () => { const d = mkdtempSync(join(tmpdir(), 'og-atomic-')); dirs.push(d); return d; };

describe('writeFileAtomic', () => {
  it('creates the directory 0755 and the file 0644 under a strict umask, leaving no temp file', async () => {
    const dir = join(scratch(), 'run', 'onegate-agent');
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(join(dir, 'vm.json'), '{"a":1}\n');
    } finally {
      process.umask(old);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'vm.json')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['vm.json']);
  });

  it('never lets a reader see a partial file', async () => {
    const path = join(scratch(), 'doc.json');
    const docs = [0, 1, 2, 3].map((i) => JSON.stringify({ i, pad: String(i).repeat(200_000) }));
    await writeFileAtomic(path, docs[0]);
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing && reads < 5000) {
        JSON.parse(readFileSync(path, 'utf8')); // throws on a torn file
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let round = 0; round < 40; round++) await writeFileAtomic(path, docs[round % 4]);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(join(path, '..'))).toEqual(['doc.json']);
  });
});
