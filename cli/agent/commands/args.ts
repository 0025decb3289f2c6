// Argument parsing shared by run, once and status (node:util parseArgs: no dependency on the daemon path).
import { parseArgs } from 'node:util';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Options every daemon command accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  'context-dir': { type: 'string' },
  'context-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How a command parses: its name for messages, usage text, and the exit status of bad arguments. */
export interface CommandSpec<O extends OptionSpec> {
  name: string;
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
 * Parses `argv`; prints usage and returns the exit status instead of values for --help (0) and for bad
 * arguments (badExit, after a one-line error naming the argument).
 */
export function parseCommand<O extends OptionSpec>(argv: string[], spec: CommandSpec<O>): ReturnType<typeof parse<O>> | number {
  let values: ReturnType<typeof parse<O>>;
  try {
    values = parse(argv, spec.options);
    spec.check?.(values);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    process.stderr.write(`onegate-agent ${spec.name}: ${message}\n${spec.usage}`);
    return spec.badExit;
  }
  if ((values as { help?: boolean }).help) {
    process.stdout.write(spec.usage);
    return 0;
  }
  return values;
}
