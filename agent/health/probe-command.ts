// A command check: the program (argv, never a shell) exits 0. Its process group is killed at the run's
// end (timeout or shutdown) by runCommand, so a hung check leaves nothing behind.
import { type RunCommandOptions, type RunCommandResult, runCommand } from '../process/run-command';
import type { ProbeResult } from './types';

/** Output kept from a check: enough for the last line of a message. */
const MAX_OUTPUT = 4096;

/** Runs `argv`; `timeoutMs` bounds it (the signal also ends it). */
export async function probeCommand(
  argv: string[],
  timeoutMs: number,
  signal: AbortSignal,
  run: (o: RunCommandOptions) => Promise<RunCommandResult> = runCommand,
): Promise<ProbeResult> {
  const r = await run({ argv, timeoutMs, signal, maxOutputBytes: MAX_OUTPUT });
  if (r.spawnError) return { ok: false, reason: `cannot start: ${r.spawnError.message}` };
  if (r.timedOut) return { ok: false, reason: `timed out after ${timeoutMs / 1000} s` };
  if (r.code === 0) return { ok: true, reason: '' };
  const why = r.code === null ? `killed by ${r.signal}` : `exit ${r.code}`;
  const said = lastLine(r.stderr) || lastLine(r.stdout);
  return { ok: false, reason: said ? `${why}: ${said}` : why };
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim().slice(0, 160);
}
