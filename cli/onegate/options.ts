// Command-line parsing with Ruby OptionParser semantics (share/onegate/onegate l.591 at release-7.4.0; docs/cli.md, "Options"), because scripts written for
// the Ruby client depend on them: options anywhere (permutation), `--opt=value`, `-dVALUE`, bundled short
// flags (`-jf`), unique-prefix abbreviations (`--ext`, `--car 3`, case-insensitive), an undefined short
// letter completing to a long option (`-v` is --version), `--` ending options, and the last one winning.
// Pure and table-driven (option-table.ts). yargs is not used here: it has no abbreviations, no ordered
// shared slot for --data/--erase, and costs ~35 ms of start-up (docs/cli.md, "Start-up").
import { redactArgument } from '../../agent/redact';
import { CliError } from './errors';
import { OPTIONS, type OptionSpec, type OptionValues } from './option-table';

/** The outcome of parsing argv. */
export interface ParsedArgs {
  /** Words that are not options, in order (resource, verb, id, ...). */
  positionals: string[];
  /** What the options set. */
  values: OptionValues;
  /** Set when --help or --version was reached: nothing after it was parsed. */
  stop?: 'help' | 'version';
}

function optionError(reason: string, arg: string): CliError {
  return new CliError('CLI_OPTION', `${reason}: ${redactArgument(arg)}`);
}

/** The long option `key` names: exact, else the only one it is a prefix of (ignoring case). */
function completeLong(key: string, arg: string, ignoreCase = true): OptionSpec {
  const exact = OPTIONS.find((o) => o.name === key);
  if (exact) return exact;
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const matches = key === '' ? [] : OPTIONS.filter((o) => fold(o.name).startsWith(fold(key)));
  if (matches.length === 0) throw optionError('invalid option', arg);
  // As OptionParser: one candidate, or one that is a prefix of every other one, wins.
  const shortest = [...matches].sort((a, b) => a.name.length - b.name.length)[0]!;
  if (matches.every((o) => o.name.startsWith(shortest.name))) return shortest;
  throw optionError('ambiguous option', arg);
}

/** Applies one option; returns how many extra argv words it consumed. */
function apply(spec: OptionSpec, attached: string | undefined, next: string | undefined, arg: string, out: ParsedArgs): number {
  let consumed = 0;
  let value = attached;
  if (spec.arg !== undefined && value === undefined) {
    if (next === undefined) throw optionError('missing argument', arg);
    value = next;
    consumed = 1;
  }
  if (spec.stop) out.stop = spec.stop;
  else spec.set?.(out.values, value ?? '');
  return consumed;
}

/** `--name[=value]`. */
function parseLong(arg: string, next: string | undefined, out: ParsedArgs): number {
  const eq = arg.indexOf('=');
  const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
  const attached = eq < 0 ? undefined : arg.slice(eq + 1);
  const spec = completeLong(key, arg);
  if (spec.arg === undefined && attached !== undefined) throw optionError('needless argument', arg);
  return apply(spec, attached, next, arg, out);
}

/** `-x`, `-xVALUE`, `-xyz` (bundled flags); returns the extra argv words consumed. */
function parseShort(arg: string, next: string | undefined, out: ParsedArgs): number {
  let rest = arg.slice(1);
  while (rest !== '' && out.stop === undefined) {
    const letter = rest[0]!;
    const tail = rest.slice(1);
    const spec = OPTIONS.find((o) => o.short === letter) ?? completeLong(letter, `-${rest}`, false);
    if (spec.arg !== undefined) return apply(spec, tail === '' ? undefined : tail, next, `-${rest}`, out);
    if (tail.startsWith('=')) throw optionError('needless argument', `-${rest}`);
    apply(spec, undefined, undefined, arg, out);
    rest = tail.replace(/^-+/, '');
  }
  return 0;
}

/** Parses argv (without the program name). Throws CLI_OPTION errors with OptionParser's wording. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], values: {} };
  for (let i = 0; i < argv.length && out.stop === undefined; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) i += parseLong(arg, argv[i + 1], out);
    else if (arg.length > 1 && arg.startsWith('-')) i += parseShort(arg, argv[i + 1], out);
    else out.positionals.push(arg);
  }
  return out;
}
