// Argument parsing shared by run, once and status (node:util parseArgs: no dependency on the daemon path).
import { parseArgs } from 'node:util';

/** Options every daemon command accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  'context-dir': { type: 'string' },
  'context-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `argv` with `options`; throws a one-line Error naming the bad argument. */
export function parseCommandArgs<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new Error((err as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, ''));
  }
}
