// runCommand, loaded on first use: node:child_process (with dgram and the pipe bindings) costs a few ms of
// every `onegate` start that falls back to discovery, and the usual sources (a CONTEXT cd-rom, /context)
// never spawn anything.
import type { RunCommandOptions, RunCommandResult } from './run-command';

/** runCommand from agent/process, imported when first called. */
export async function runLazily(options: RunCommandOptions): Promise<RunCommandResult> {
  const { runCommand } = await import('./run-command.js');
  return runCommand(options);
}
