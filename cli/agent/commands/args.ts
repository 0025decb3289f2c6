// Argument parsing shared by run, once and status (node:util parseArgs: no dependency on the daemon path).
import { parseArgs } from 'node:util';
import { quoteInput } from '../../../agent/redact';
import type { AgentResult } from './types';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Options every daemon command accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  'context-dir': { type: 'string' },
  'context-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How a command parses: its usage text and the exit status of bad arguments. */
export interface CommandSpec<O extends OptionSpec> {
  usage: string;
  options: O;
  badExit: number;
  /** Operands after the options are allowed (query's PATHs); else one is an error. */
  positionals?: boolean;
  /** Further checks of the parsed values; throw an Error with a one-line message. */
  check?: (values: Values<O>) => void;
}

function parse<O extends OptionSpec>(argv: string[], options: O, allowPositionals = false) {
  return parseArgs({ args: argv, options, allowPositionals, strict: true });
}

type Values<O extends OptionSpec> = ReturnType<typeof parse<O>>['values'];

/**
 * Parses `argv`; returns a result instead of values for --help (the usage, exit 0) and for bad arguments
 * (one line naming the argument and the usage on stderr, exit badExit).
 */
export function parseCommand<O extends OptionSpec>(
  argv: string[],
  spec: CommandSpec<O>,
): { values: Values<O>; positionals: string[] } | { result: AgentResult } {
  let values: Values<O>;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv, spec.options, spec.positionals));
    spec.check?.(values);
  } catch (err) {
    // node:util quotes a stray positional argument as is: shown escaped and clipped like any input.
    const message = (err as Error).message
      .split('\n')[0]
      .replace(/\. To specify a positional argument.*$/, '')
      .replace(/^Unexpected argument '(.*)'/s, (_m, arg: string) => `Unexpected argument ${quoteInput(arg, 80)}`);
    return { result: { code: spec.badExit, errors: [message], usage: spec.usage } };
  }
  if ((values as { help?: boolean }).help) return { result: { code: 0, output: { layout: 'text', data: spec.usage } } };
  return { values, positionals };
}
