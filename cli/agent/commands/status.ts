// `onegate-agent status [--json]`: the daemon's health from its status file, like `cloud-init status`:
// exit 0 healthy, 1 degraded, 2 not running.
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_CONFIG_PATH } from '../../../agent/config/schema';
import { assessHealth, damagedHealth, type Health } from '../../../agent/state/health';
import { isDaemonAlive, processUsage } from '../../../agent/state/process-info';
import { judgeReadyWait, type ReadyWait } from '../../../agent/state/ready-wait';
import { readStatus } from '../../../agent/state/status';
import { StatusFileError } from '../../../agent/state/status-check';
import type { StatusDocument } from '../../../agent/state/status-document';
import { parseCommand } from './args';
import { configOrDefaults } from './config-of';
import type { AgentOutput, AgentResult } from './types';

const DEFAULT_WAIT_SECONDS = 300;
const MAX_WAIT_SECONDS = 86400;
/** How often --wait looks at the status file; the daemon rewrites it on every change. */
const WAIT_POLL_MS = 250;

const USAGE = `Usage: onegate-agent status [--json] [--config FILE] [--run-dir DIR] [--wait [--timeout SECONDS]]

Shows whether the daemon runs and how it is doing: last push and pull, pending attributes and erasures,
attributes OneGate refuses, attribute sources in trouble (a failing command, an ignored file), last error
per feature, READY state, where the credentials came from, the next run, its own memory and CPU.

  --json          the same as one JSON object
  --config FILE   configuration naming run_dir (default ${DEFAULT_CONFIG_PATH})
  --run-dir DIR   read DIR/status.json directly
  --wait          block until READY has been reported, then show the status
  --timeout SECS  give up waiting after SECS seconds (default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS})

Exit status: 0 healthy, 1 degraded (a feature failing or turned off), 2 not running (or bad arguments).
With --wait: 0 READY reported, 1 it never will be (the agent stopped, or does not report READY), 2 timeout.
`;

export async function run(argv: string[]): Promise<AgentResult> {
  const parsed = parseCommand(argv, {
    usage: USAGE,
    badExit: 2,
    options: {
      config: { type: 'string' },
      'run-dir': { type: 'string' },
      json: { type: 'boolean' },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const errors: string[] = [];
  const runDir = args['run-dir'] ?? configOrDefaults(args.config, errors).run_dir;
  if (args.timeout !== undefined && !args.wait) return usageError('--timeout needs --wait', errors);
  let waited: ReadyWait | undefined;
  if (args.wait) {
    const seconds = args.timeout === undefined ? DEFAULT_WAIT_SECONDS : Number(args.timeout);
    if (!/^\d+$/.test(args.timeout ?? '0') || seconds < 1 || seconds > MAX_WAIT_SECONDS)
      return usageError(`--timeout ${args.timeout}: not a whole number of seconds from 1 to ${MAX_WAIT_SECONDS}`, errors);
    waited = await waitForReady(runDir, seconds);
  }
  let doc: StatusDocument | undefined;
  let damaged: string | undefined;
  try {
    doc = readStatus(runDir);
  } catch (err) {
    if (!(err instanceof StatusFileError)) throw err;
    damaged = err.message;
  }
  const now = Date.now();
  const alive = doc !== undefined && isDaemonAlive(doc.pid);
  const health = damaged ? damagedHealth(damaged) : assessHealth(doc, alive, now);
  const usage = doc && alive ? (processUsage(doc.pid) ?? doc.process) : doc?.process;
  const shown = doc ? { ...doc, process: usage ?? doc.process } : undefined;
  const output: AgentOutput = args.json
    ? { layout: 'json', data: toJson(health, shown) }
    : { layout: 'status', data: { health, doc: shown, alive, now } };
  if (!waited) return { code: health.code, output, errors };
  if (waited.done && waited.code === 0) return { code: 0, output, errors };
  return { code: waited.done ? waited.code : 2, output, errors: [...errors, waited.line] };
}

function usageError(line: string, errors: string[]): AgentResult {
  return { code: 2, errors: [...errors, line], usage: USAGE };
}

// Bounded polling: at most seconds*1000/WAIT_POLL_MS looks, each a small bounded read of status.json.
async function waitForReady(runDir: string, seconds: number): Promise<ReadyWait> {
  const deadline = Date.now() + seconds * 1000;
  let last: ReadyWait = { done: false, line: '' };
  for (let look = 0; look <= (seconds * 1000) / WAIT_POLL_MS; look++) {
    last = lookOnce(runDir);
    if (last.done || Date.now() >= deadline) break;
    await sleep(WAIT_POLL_MS);
  }
  return last.done ? last : { done: false, line: `timed out after ${seconds} s waiting for READY (last: ${last.line})` };
}

function lookOnce(runDir: string): ReadyWait {
  try {
    const doc = readStatus(runDir);
    return judgeReadyWait(doc, doc !== undefined && isDaemonAlive(doc.pid));
  } catch (err) {
    // A damaged file may be replaced by the daemon's next write: keep waiting, and say why if time runs out.
    if (!(err instanceof StatusFileError)) throw err;
    return { done: false, line: err.message };
  }
}

function toJson(health: Health, doc: StatusDocument | undefined): object {
  return { status: health.state, exitCode: health.code, problems: health.problems, ...(doc ? { daemon: doc } : {}) };
}
