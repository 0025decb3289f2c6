// The Prometheus textfile source over the fixture cases (test/fixtures/textfile/), then its limits.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attributeNameOf,
  MAX_TEXTFILE_ATTRIBUTES,
  MAX_TEXTFILE_BYTES,
  MAX_TEXTFILE_FILES,
  readTextfileDirectory,
} from '../../../agent/attributes/textfile';
import { tempDir } from '../../support/temp-dir';

const FIXTURES = resolve('test/fixtures/textfile');
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('readTextfileDirectory over the fixture cases', () => {
  it.each(cases)('%s', (name) => {
    const dir = join(FIXTURES, name);
    const got = readTextfileDirectory(dir);
    const actual = { values: got.values, problems: got.problems.map((p) => p.split(dir).join('$DIR')) };
    const file = join(dir, 'expected.json');
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});

describe('attributeNameOf', () => {
  it.each([
    ['queue_depth', [], 'QUEUE_DEPTH'],
    ['queue_depth', [['queue', 'mail']], 'QUEUE_DEPTH_MAIL'],
    ['fs_free', [['mount', '/var/log']], 'FS_FREE_VAR_LOG'],
    ['fs_free', [['mount', '/']], 'FS_FREE_ROOT'],
    [
      'x',
      [
        ['z', '1'],
        ['a', '2'],
      ],
      'X_2_1',
    ],
    ['ns:sub:metric', [['k', 'Grüße']], 'NS_SUB_METRIC_GR_SSE'],
    ['_hidden', [['k', '---']], 'HIDDEN'],
  ] as const)('%s %j -> %s', (name, labels, expected) => {
    expect(attributeNameOf({ name, labels: labels.map(([k, v]) => [k, v]) })).toBe(expected);
  });
});

describe('readTextfileDirectory limits', () => {
  it('gives nothing for a missing directory', () => {
    expect(readTextfileDirectory('/nonexistent/textfile')).toEqual({ values: {}, problems: [] });
  });

  it(`skips a file larger than ${MAX_TEXTFILE_BYTES} bytes`, () => {
    const dir = tempDir('textfile-');
    writeFileSync(join(dir, 'big.prom'), `big 1\n${'# padding\n'.repeat(MAX_TEXTFILE_BYTES / 10)}`);
    writeFileSync(join(dir, 'small.prom'), 'small 1\n');
    expect(readTextfileDirectory(dir)).toEqual({
      values: { SMALL: 1 },
      problems: [`${join(dir, 'big.prom')}: larger than ${MAX_TEXTFILE_BYTES} bytes; skipped`],
      sources: { SMALL: 'textfile:small.prom' },
      failed: { 'textfile:big.prom': `${join(dir, 'big.prom')}: larger than ${MAX_TEXTFILE_BYTES} bytes` },
      skipped: {},
    });
  });

  it(`reads at most ${MAX_TEXTFILE_FILES} files`, () => {
    const dir = tempDir('textfile-');
    for (let i = 0; i <= MAX_TEXTFILE_FILES; i++) writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.prom`), `m${i} 1\n`);
    const got = readTextfileDirectory(dir);
    expect(Object.keys(got.values)).toHaveLength(MAX_TEXTFILE_FILES);
    expect(got.values[`M${MAX_TEXTFILE_FILES}`]).toBeUndefined();
    expect(got.problems).toEqual([`${dir}: more than ${MAX_TEXTFILE_FILES} *.prom files; the rest are ignored`]);
  });

  it(`takes at most ${MAX_TEXTFILE_ATTRIBUTES} attributes, in file order`, () => {
    const dir = tempDir('textfile-');
    const lines = Array.from({ length: MAX_TEXTFILE_ATTRIBUTES + 5 }, (_, i) => `m{i="${i}"} ${i}`);
    writeFileSync(join(dir, 'many.prom'), `${lines.join('\n')}\n`);
    const got = readTextfileDirectory(dir);
    expect(Object.keys(got.values)).toHaveLength(MAX_TEXTFILE_ATTRIBUTES);
    expect(got.values[`M_${MAX_TEXTFILE_ATTRIBUTES - 1}`]).toBe(MAX_TEXTFILE_ATTRIBUTES - 1);
    expect(got.problems).toEqual([`${dir}: more than ${MAX_TEXTFILE_ATTRIBUTES} gauges in *.prom files; 5 skipped`]);
  });

  it('reports an unchanged bad file with the same line every cycle, so a log that drops repeats shows it once', () => {
    const dir = tempDir('textfile-');
    writeFileSync(join(dir, 'bad.prom'), 'm{\n');
    expect(readTextfileDirectory(dir).problems).toEqual(readTextfileDirectory(dir).problems);
  });
});
