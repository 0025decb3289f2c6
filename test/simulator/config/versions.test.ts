// The profile table and docs/simulator.md agree: every switch is a documented :simulator: key and has its row in the
// table of behaviours by server version (whose Switch column names it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION_ROWS } from './versions';

const doc = readFileSync(join(__dirname, '../../../docs/simulator.md'), 'utf8');
const keys = Object.values(VERSION_ROWS).map((row) => row.key);

describe('docs/simulator.md', () => {
  it('lists every version switch among the :simulator: keys', () => {
    const row = doc.split('\n').find((l) => l.startsWith('| `:error_500_handler:`'));
    expect(keys.filter((k) => !row?.includes(`\`:${k}:\``))).toEqual([]);
  });

  it('names every version switch in the Switch column of the table by server version', () => {
    const section = doc.slice(doc.indexOf('## Server versions'), doc.indexOf('## Fixture format'));
    const switches = section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Difference') && !l.startsWith('|---'))
      .map((l) => l.split(' | ').at(-1)!);
    expect(keys.filter((k) => !switches.some((cell) => cell.startsWith(`\`${k}\``)))).toEqual([]);
  });
});
