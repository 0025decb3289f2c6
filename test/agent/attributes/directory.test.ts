import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ATTRS_FILE_BYTES, readAttributeDirectory } from '../../../agent/attributes/directory';
import { tempDir } from '../../support/temp-dir';

function dirWith(files: Record<string, string>): string {
  const dir = tempDir('attrs-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o644 });
  return dir;
}

describe('readAttributeDirectory', () => {
  it('reads *.attrs files in name order, later files winning', () => {
    const dir = dirWith({ 'b.attrs': 'X=from-b\nY=2\n', 'a.attrs': 'X=from-a\n', 'notes.txt': 'Z=1\n', '.c.attrs': 'T=tmp\n' });
    expect(readAttributeDirectory(dir)).toEqual({
      values: { X: 'from-b', Y: '2' },
      problems: [],
      sources: { X: 'file:b.attrs', Y: 'file:b.attrs' },
      failed: {},
      skipped: {},
    });
  });
  it('gives nothing for a missing directory', () => {
    expect(readAttributeDirectory('/nonexistent/attributes.d')).toEqual({ values: {}, problems: [] });
  });
  it('ignores a directory writable by everyone', () => {
    const dir = dirWith({ 'a.attrs': 'A=1\n' });
    chmodSync(dir, 0o1777);
    expect(readAttributeDirectory(dir)).toEqual({
      values: {},
      problems: [`${dir}: writable by everyone; ignored`],
      failed: { 'file:*': `${dir}: writable by everyone; ignored` },
    });
  });
  it('reports bad lines with file and line number', () => {
    const dir = dirWith({ 'app.attrs': 'A=1\nnot a pair\n' });
    expect(readAttributeDirectory(dir).problems).toEqual([`${join(dir, 'app.attrs')}:2: no "=" in "not a pair"`]);
  });
  it('skips oversized, world-writable and non-regular files', () => {
    const dir = dirWith({ 'ok.attrs': 'OK=1\n', 'big.attrs': `A=${'x'.repeat(MAX_ATTRS_FILE_BYTES)}\n`, 'open.attrs': 'B=1\n' });
    chmodSync(join(dir, 'open.attrs'), 0o666);
    mkdirSync(join(dir, 'sub.attrs'));
    symlinkSync(join(dir, 'ok.attrs'), join(dir, 'link.attrs'));
    const r = readAttributeDirectory(dir);
    expect(r.values).toEqual({ OK: '1' });
    expect(Object.keys(r.failed ?? {})).toEqual(['file:big.attrs', 'file:link.attrs', 'file:open.attrs', 'file:sub.attrs']);
    expect(r.problems).toEqual([
      `${join(dir, 'big.attrs')}: larger than ${MAX_ATTRS_FILE_BYTES} bytes; skipped`,
      `${join(dir, 'link.attrs')}: not a regular file; skipped`,
      `${join(dir, 'open.attrs')}: writable by everyone; skipped`,
      `${join(dir, 'sub.attrs')}: not a regular file; skipped`,
    ]);
  });
});
