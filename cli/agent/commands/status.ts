// `onegate-agent status [--json]`: the daemon's health from its status file, like `cloud-init status`:
// exit 0 healthy, 1 degraded, 2 not running.
import { ConfigError, loadConfig } from '../../../agent/config/load';
import { DEFAULT_CONFIG_PATH, defaultConfig } from '../../../agent/config/schema';
import { assessHealth, damagedHealth, type Health } from '../../../agent/state/health';
import { isDaemonAlive, processUsage } from '../../../agent/state/process-info';
import { readStatus, type StatusDocument } from '../../../agent/state/status';
import { StatusFileError } from '../../../agent/state/status-check';
import { parseCommand } from './args';
import type { AgentOutput, AgentResult } from './types';

const USAGE = `Usage: onegate-agent status [--json] [--config FILE] [--run-dir DIR]

Shows whether the daemon runs and how it is doing: last push and pull, pending attributes, last error
per feature, READY state, where the credentials came from, the next run, its own memory and CPU.

  --json          the same as one JSON object
  --config FILE   configuration naming run_dir (default ${DEFAULT_CONFIG_PATH})
  --run-dir DIR   read DIR/status.json directly

Exit status: 0 healthy, 1 degraded (a feature failing or turned off), 2 not running.
`;

export async function run(argv: string[]): Promise<AgentResult> {
  const parsed = parseCommand(argv, {
    usage: USAGE,
    badExit: 2,
    options: {
      config: { type: 'string' },
      'run-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const errors: string[] = [];
  const runDir = args['run-dir'] ?? runDirOf(args.config, errors);
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
  return { code: health.code, output, errors };
}

// A bad configuration file does not stop status: it says so and looks in the default run_dir.
function runDirOf(file: string | undefined, errors: string[]): string {
  try {
    return loadConfig(file).config.run_dir;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    errors.push(`${err.message.split('\n')[0]}; using the default run_dir`);
    return defaultConfig().run_dir;
  }
}

function toJson(health: Health, doc: StatusDocument | undefined): object {
  return { status: health.state, exitCode: health.code, problems: health.problems, ...(doc ? { daemon: doc } : {}) };
}
