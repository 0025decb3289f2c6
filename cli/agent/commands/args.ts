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
  /** Further checks of the parsed values; throw an Error with a one-line message. */
  check?: (values: ReturnType<typeof parse<O>>) => void;
}

function parse<O extends OptionSpec>(argv: string[], options: O) {
  return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
}

/**
 * Parses `argv`; returns a result instead of values for --help (the usage, exit 0) and for bad arguments
 * (one line naming the argument and the usage on stderr, exit badExit).
 */
export function parseCommand<O extends OptionSpec>(
  argv: string[],
  spec: CommandSpec<O>,
): { values: ReturnType<typeof parse<O>> } | { result: AgentResult } {
  let values: ReturnType<typeof parse<O>>;
  try {
    values = parse(argv, spec.options);
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
  return { values };
}
