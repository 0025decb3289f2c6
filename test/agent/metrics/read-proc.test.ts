import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProc } from '../../../agent/metrics/read-proc';
import { CollectError, NoDataError } from '../../../agent/metrics/types';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('read-proc-');

describe('readProc', () => {
  it('reads procfs files whose reported size is 0', () => {
    expect(readProc('/proc', 'self/stat')).toMatch(/^\d+ /);
  });
  it('reads a file spanning several chunks', () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(40_000));
    expect(readProc(dir, 'big')).toHaveLength(40_000);
  });
  it('turns a missing file into NoDataError naming the path', () => {
    expect(() => readProc(dir, 'nope')).toThrow(NoDataError);
    expect(() => readProc(dir, 'nope')).toThrow(join(dir, 'nope'));
  });
  it('refuses a file larger than the bound', () => {
    writeFileSync(join(dir, 'large'), 'y'.repeat(100));
    expect(() => readProc(dir, 'large', 99)).toThrow(expect.objectContaining({ code: 'COLLECT_TOO_LARGE' }));
  });
  it('wraps unexpected errors with the path', () => {
    const e = (() => {
      try {
        readProc(dir, '.');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(CollectError);
    expect(e).toMatchObject({ code: 'COLLECT_READ_FAILED', path: dir });
  });
});
