// Runs the hooks of one event one after another. A hook that fails, hangs or cannot start is
// logged and the next one runs: hooks are the guest's business and never stop the agent.
import { basename } from 'node:path';
import type { Logger } from '../log';
import { type RunCommandResult, runCommand } from '../process/run-command';
import { findHooks } from './find-hooks';
import type { HookInvocation, HookOutcome, HooksOptions, RunHook } from './types';

/** Output lines logged per stream and hook; the byte bound is HooksOptions.maxOutputBytes. */
const MAX_LOGGED_LINES = 20;

/** What the hook runner needs. */
export interface HookRunnerDeps {
  /** Where hooks come from and their timeout. */
  options: HooksOptions;
  /** Receives one line per hook run and the hook's output. */
  log: Logger;
  /** Aborting kills the running hook (used on SIGTERM). */
  signal?: AbortSignal;
}

/** Creates the function the puller calls for each event that fired. */
export function createHookRunner(deps: HookRunnerDeps): RunHook {
  return async (invocation) => {
    const hooks = await findHooks(invocation.event, deps.options, deps.log);
    const outcomes: HookOutcome[] = [];
    for (const argv of hooks) {
      if (deps.signal?.aborted) break;
      outcomes.push(await runOne(argv, invocation, deps));
    }
    return outcomes;
  };
}

async function runOne(argv: string[], inv: HookInvocation, deps: HookRunnerDeps): Promise<HookOutcome> {
  const { options, log } = deps;
  const started = Date.now();
  const result = await runCommand({
    argv: [...argv, inv.event, inv.oldPath, inv.newPath],
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    signal: deps.signal,
    env: { ...inv.env, ONEGATE_EVENT: inv.event, ONEGATE_OLD: inv.oldPath, ONEGATE_NEW: inv.newPath },
  });
  const label = `hook ${inv.event} ${basename(argv[0])}`;
  const reason = failureReason(result, options.timeoutMs);
  const write = (line: string): void => (reason ? log.warn(line) : log.info(line));
  writeOutput(label, result, write);
  if (reason) log.warn(`${label} failed: ${reason}`);
  else log.info(`${label} ok in ${Date.now() - started} ms`);
  return reason ? { program: argv[0], ok: false, reason } : { program: argv[0], ok: true };
}

/** Why a run counts as failed, or undefined when it exited 0. */
export function failureReason(result: RunCommandResult, timeoutMs: number): string | undefined {
  if (result.aborted) return 'stopped: the agent is shutting down';
  if (result.spawnError) return `could not start: ${result.spawnError.message}`;
  if (result.timedOut) return `timed out after ${timeoutMs / 1000} s`;
  if (result.signal) return `killed by ${result.signal}`;
  if (result.code !== 0) return `exit ${result.code}`;
  return undefined;
}

function writeOutput(label: string, result: RunCommandResult, write: (line: string) => void): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    for (const line of lines.slice(0, MAX_LOGGED_LINES)) write(`${label} ${stream}: ${line}`);
    if (lines.length > MAX_LOGGED_LINES) write(`${label} ${stream}: (${lines.length - MAX_LOGGED_LINES} more lines not logged)`);
  }
}
