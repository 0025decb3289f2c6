import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../cli/onegate/options';

describe('parseArgs: Ruby OptionParser semantics', () => {
  const cases: [string, string[], object][] = [
    ['options after the words', ['vm', 'show', '12', '--json'], { positionals: ['vm', 'show', '12'], values: { format: 'json' } }],
    [
      'options before the words (OneKE style)',
      ['--json', 'vm', 'show', '12'],
      { positionals: ['vm', 'show', '12'], values: { format: 'json' } },
    ],
    ['--opt=value', ['vm', 'update', '--data=A=1'], { values: { update: { data: 'A=1', type: 1 } } }],
    ['--opt value', ['vm', 'update', '--data', 'A=1'], { values: { update: { data: 'A=1', type: 1 } } }],
    ['-dVALUE', ['vm', 'update', '-dA=1'], { values: { update: { data: 'A=1', type: 1 } } }],
    ['-d VALUE', ['vm', 'update', '-d', 'A=1'], { values: { update: { data: 'A=1', type: 1 } } }],
    ['-d=VALUE keeps the "=" (as Ruby)', ['-d=A'], { values: { update: { data: '=A', type: 1 } } }],
    ['an argument may start with a dash', ['--data', '--json'], { values: { update: { data: '--json', type: 1 } } }],
    ['--data "" is data', ['--data', ''], { values: { update: { data: '', type: 1 } } }],
    ['--data= is empty data', ['--data='], { values: { update: { data: '', type: 1 } } }],
    ['bundled flags -jf', ['-jf'], { values: { format: 'json', hard: true } }],
    ['bundled flags ending in an option with its value', ['-jdA=1'], { values: { format: 'json', update: { data: 'A=1', type: 1 } } }],
    ['abbreviation --ext', ['--ext'], { values: { extended: true } }],
    ['abbreviation --da VALUE', ['--da', 'READY=YES'], { values: { update: { data: 'READY=YES', type: 1 } } }],
    ['abbreviation --car 3', ['--car', '3'], { values: { cardinality: '3' } }],
    ['abbreviation with =', ['--rol=web'], { values: { role: 'web' } }],
    ['long names ignore case', ['--JSON'], { values: { format: 'json' } }],
    ['-- ends options', ['vm', '--', '--data', 'x'], { positionals: ['vm', '--data', 'x'], values: {} }],
    ['a lone dash is a word', ['-'], { positionals: ['-'] }],
    ['last --data wins', ['--data', 'A=1', '--data', 'B=2'], { values: { update: { data: 'B=2', type: 1 } } }],
    ['--erase after --data decides data and type', ['--data', 'A=1', '--erase', 'A'], { values: { update: { data: 'A', type: 2 } } }],
    ['--data after --erase', ['-e', 'A', '-d', 'B=1'], { values: { update: { data: 'B=1', type: 1 } } }],
    ['--yaml after --json wins', ['--json', '--yaml'], { values: { format: 'yaml' } }],
    ['extra words are kept for the command to ignore', ['vm', 'show', '1', '2'], { positionals: ['vm', 'show', '1', '2'] }],
    ['undefined short letter completes a long option: -t', ['-t5'], { values: { timeout: '5' } }],
    ['-i completes to --insecure', ['-i'], { values: { insecure: true } }],
  ];
  it.each(cases)('%s', (_name, argv, expected) => {
    expect(parseArgs(argv)).toMatchObject(expected);
  });

  it('stops at --help and ignores what follows', () => {
    expect(parseArgs(['--help', '--bogus'])).toMatchObject({ stop: 'help' });
    expect(parseArgs(['vm', '-jh'])).toMatchObject({ stop: 'help', values: { format: 'json' } });
  });

  it('recognises --version, -v and --ver', () => {
    for (const argv of [['--version'], ['-v'], ['--ver']]) expect(parseArgs(argv).stop).toBe('version');
  });

  const errors: [string[], string][] = [
    [['--bogus'], 'invalid option: --bogus'],
    [['--bogus=1'], 'invalid option: --bogus=1'],
    [['-x'], 'invalid option: -x'],
    [['-jx'], 'invalid option: -x'],
    [['--data'], 'missing argument: --data'],
    [['vm', 'update', '-d'], 'missing argument: -d'],
    [['--json=x'], 'needless argument: --json=x'],
    [['-j=x'], 'needless argument: -j=x'],
    [['--e'], 'ambiguous option: --e'],
    [['--h'], 'ambiguous option: --h'],
    [['--bogus', '--help'], 'invalid option: --bogus'],
    [['--=x'], 'invalid option: --=x'],
  ];
  it.each(errors)('%j fails with "%s"', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(expect.objectContaining({ code: 'CLI_OPTION', message }));
  });
});
