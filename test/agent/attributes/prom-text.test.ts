import { describe, expect, it } from 'vitest';
import { parsePromText } from '../../../agent/attributes/prom-text';

describe('parsePromText', () => {
  it('groups samples into families by TYPE, histogram and summary suffixes included', () => {
    const text = [
      '# HELP q Queue depth.',
      '# TYPE q gauge',
      'q{name="a"} 1',
      '# TYPE lat histogram',
      'lat_bucket{le="+Inf"} 3',
      'lat_sum 2.5',
      'lat_count 3',
      '# TYPE gc summary',
      'gc{quantile="0.5"} 0.1',
      'gc_count 9',
      'loose_sum 4',
    ].join('\n');
    expect(parsePromText(text).map((f) => [f.name, f.type, f.samples.map((s) => s.name)])).toEqual([
      ['q', 'gauge', ['q']],
      ['lat', 'histogram', ['lat_bucket', 'lat_sum', 'lat_count']],
      ['gc', 'summary', ['gc', 'gc_count']],
      ['loose_sum', 'untyped', ['loose_sum']],
    ]);
  });

  it('reads labels (trailing comma, blanks, escapes), values and timestamps', () => {
    const [family] = parsePromText('m{ a = "x\\\\y" , b="say \\"hi\\"\\n",} -1.5e3 1700000000000\n');
    expect(family!.samples).toEqual([
      {
        name: 'm',
        labels: [
          ['a', 'x\\y'],
          ['b', 'say "hi"\n'],
        ],
        value: -1500,
        line: 1,
      },
    ]);
  });

  it.each([
    ['NaN', Number.NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['.5', 0.5],
    ['7', 7],
  ])('reads the value %s', (text, value) => {
    expect(parsePromText(`m ${text}`)[0]!.samples[0]!.value).toBe(value);
  });

  it('gives nothing for an empty text or only comments', () => {
    expect(parsePromText('')).toEqual([]);
    expect(parsePromText('# just a comment\n\n# HELP x y\n')).toEqual([]);
  });

  it.each([
    ['a value that is no number', 'm abc', 'line 1: m: "abc" is not a number'],
    ['no value', 'm', 'line 1: m: expected a value and an optional timestamp after the name and labels'],
    ['too many fields', 'm 1 2 3', 'line 1: m: expected a value and an optional timestamp after the name and labels'],
    ['a bad timestamp', 'm 1 soon', 'line 1: m: "soon" is not a timestamp'],
    ['a bad metric name', '1m 1', 'line 1: not a sample: "1m 1"'],
    ['an unterminated label value', 'm{a="x} 1', 'line 1: m: a label value has no closing quote'],
    ['an unknown escape', 'm{a="\\t"} 1', 'line 1: m: a label value has an unknown escape "\\t"'],
    ['a label without a value', 'm{a} 1', 'line 1: m: label a needs ="value"'],
    ['labels not separated', 'm{a="1" b="2"} 1', 'line 1: m: expected "," or "}" after label a'],
    ['a label given twice', 'm{a="1",a="2"} 1', 'line 1: m: label a given twice'],
    ['the same series twice', 'm{a="1",b="2"} 1\nm{b="2",a="1"} 2', 'line 2: m: the same series twice'],
    ['an unknown type', '# TYPE m gaugeish', 'line 1: m: TYPE must be one of counter, gauge, histogram, summary, untyped'],
    ['a second TYPE', '# TYPE m gauge\n# TYPE m gauge', 'line 2: m: a second TYPE line'],
    ['TYPE after samples', 'm 1\n# TYPE m gauge', 'line 2: m: TYPE after its samples'],
    ['TYPE without a name', '# TYPE', 'line 1: TYPE without a valid metric name'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parsePromText(text)).toThrow(message);
  });
});
