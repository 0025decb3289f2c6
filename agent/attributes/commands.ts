// Attributes printed by programs: each configured command runs with a timeout (through runCommand, the one
// place that spawns) and its standard output is parsed as KEY=VALUE lines. A program that fails, times out or
// cannot start contributes nothing that cycle, so half-written output never reaches the server; it is
// reported as failed (source "command:<argv>"), so the attributes it gave before are kept, not erased.
import { type RunCommandOptions, type RunCommandResult, runCommand } from '../process/run-command';
import { failedSource, fromSource, mergeAttributeSets, parseKeyValueLines } from './parse';
import type { AttributeSet } from './types';

/** One attribute program. */
export interface AttributeCommand {
  /** Program and arguments (argv; never passed to a shell). */
  command: string[];
  /** Milliseconds before the program is killed; default 10000. */
  timeoutMs?: number;
}

/** Standard output kept per program: attributes are small, anything larger is a mistake. */
export const MAX_COMMAND_OUTPUT = 64 * 1024;

/** Runs every command concurrently and merges their attributes in configuration order. */
export async function runAttributeCommands(
  commands: AttributeCommand[],
  opts: { signal?: AbortSignal; run?: (o: RunCommandOptions) => Promise<RunCommandResult> } = {},
): Promise<AttributeSet> {
  const run = opts.run ?? runCommand;
  const sets = await Promise.all(
    commands.map(async (c): Promise<AttributeSet> => {
      const shown = c.command.join(' ');
      if (c.command.length === 0) return { values: {}, problems: ['attribute command: empty command'] };
      const r = await run({ argv: c.command, timeoutMs: c.timeoutMs ?? 10_000, maxOutputBytes: MAX_COMMAND_OUTPUT, signal: opts.signal });
      const failure = describeFailure(r, c.timeoutMs ?? 10_000);
      const source = commandSource(c.command);
      if (failure) return failedSource(source, `${shown}: ${failure}; its output is ignored`, failure);
      return fromSource(parseKeyValueLines(r.stdout, shown), source);
    }),
  );
  return mergeAttributeSets(sets);
}

/** The source name of a command's attributes. */
export function commandSource(argv: string[]): string {
  return `command:${argv.join(' ')}`;
}

function describeFailure(r: RunCommandResult, timeoutMs: number): string | undefined {
  if (r.spawnError) return `cannot start (${r.spawnError.message})`;
  if (r.timedOut) return `killed after ${timeoutMs} ms`;
  // runCommand cuts the output at the bound: the last line could be a partial value.
  if (r.code === 0) return Buffer.byteLength(r.stdout) >= MAX_COMMAND_OUTPUT ? `wrote more than ${MAX_COMMAND_OUTPUT} bytes` : undefined;
  const why = r.code === null ? `killed by ${r.signal}` : `exit status ${r.code}`;
  const stderr = r.stderr.trim().split('\n')[0];
  return stderr ? `${why}: ${stderr.slice(0, 200)}` : why;
}
