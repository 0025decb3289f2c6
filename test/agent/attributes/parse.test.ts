import { describe, expect, it } from 'vitest';
import { mergeAttributeSets, parseKeyValueLines } from '../../../agent/attributes/parse';

describe('parseKeyValueLines', () => {
  it.each([
    ['empty', '', {}, []],
    ['comments and blank lines', '# note\n\n   \nA=1\n', { A: '1' }, []],
    [
      'blanks, CRLF and quotes',
      '  key = some value \r\nB="quoted, x"\nC=\'single\'\nD="half\n',
      { key: 'some value', B: 'quoted, x', C: 'single', D: '"half' },
      [],
    ],
    ['value with "="', 'K=YWJj==\n', { K: 'YWJj==' }, []],
    ['no "="', 'A=1\njust text\n', { A: '1' }, ['src:2: no "=" in "just text"']],
    [
      'invalid name',
      'KEY-X=1\n=2\n',
      {},
      ['src:1: invalid name "KEY-X"; use letters, digits and _', 'src:2: invalid name ""; use letters, digits and _'],
    ],
    ['empty value', 'A=\nB=""\n', {}, ['src:1: A has an empty value', 'src:2: B has an empty value']],
    ['repeated key keeps the last', 'A=1\nA=2\n', { A: '2' }, []],
  ])('%s', (_, text, values, problems) => {
    const r = parseKeyValueLines(text, 'src');
    expect(r).toMatchObject({ values, problems });
    // The source's one-line reason: how many lines were skipped and the first.
    const first = problems[0]?.replace(/^src:(\d+): /, 'line $1: ');
    expect(r.skipped).toEqual(
      first ? { src: `${problems.length} bad line${problems.length === 1 ? '' : 's'} skipped, the first ${first}` } : undefined,
    );
    expect(Object.keys(r)).toEqual(first ? ['values', 'problems', 'skipped'] : ['values', 'problems']);
  });
});

describe('mergeAttributeSets', () => {
  it('lets later sets win and keeps every problem', () => {
    const merged = mergeAttributeSets([
      { values: { A: '1', B: '1' }, problems: ['p1'], sources: { A: 'static', B: 'static' } },
      { values: { B: '2' }, problems: ['p2'], sources: { B: 'file:b.attrs' }, failed: { 'command:x': 'exit status 1' } },
    ]);
    expect(merged).toEqual({
      values: { A: '1', B: '2' },
      problems: ['p1', 'p2'],
      sources: { A: 'static', B: 'file:b.attrs' },
      failed: { 'command:x': 'exit status 1' },
      skipped: {},
    });
  });
});
