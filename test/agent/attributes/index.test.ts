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
    expect(r).toEqual({ values: { ROLE: 'file', TIER: 'gold', CMD: 'command', FILE: '1' }, problems: [] });
  });
  it('gives nothing without sources', async () => {
    expect(await collectAttributes({})).toEqual({ values: {}, problems: [] });
  });
});
