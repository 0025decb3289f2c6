import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAttributes } from '../../../agent/attributes/index';
import { tempDir } from '../../support/temp-dir';

describe('collectAttributes', () => {
  it('merges static values, then files, then commands', async () => {
    const dir = tempDir('attrs-all-');
    writeFileSync(join(dir, 'x.attrs'), 'ROLE=file\nFILE=1\n');
    const r = await collectAttributes({
      static: { ROLE: 'static', TIER: 'gold', CMD: 'static' },
      directory: dir,
      commands: [{ command: ['echo', 'CMD=command'] }],
    });
    expect(r).toEqual({
      values: { ROLE: 'file', TIER: 'gold', CMD: 'command', FILE: '1' },
      problems: [],
      sources: { ROLE: 'file:x.attrs', TIER: 'static', CMD: 'command:echo CMD=command', FILE: 'file:x.attrs' },
      failed: {},
      skipped: {},
    });
  });
  it('names a failed command as failed, its attributes absent', async () => {
    const r = await collectAttributes({
      static: { ROLE: 'db' },
      commands: [{ command: ['/bin/sh', '-c', 'echo A=1; exit 3'] }, { command: ['/nonexistent/program'] }],
    });
    expect(r.values).toEqual({ ROLE: 'db' });
    expect(Object.keys(r.failed ?? {})).toEqual(['command:/bin/sh -c echo A=1; exit 3', 'command:/nonexistent/program']);
    expect(r.failed?.['command:/bin/sh -c echo A=1; exit 3']).toBe('exit status 3');
  });
  it('gives nothing without sources', async () => {
    expect(await collectAttributes({})).toEqual({ values: {}, problems: [], sources: {}, failed: {}, skipped: {} });
  });
});
