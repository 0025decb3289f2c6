// `onegate-agent doctor [--json]`: walks the path from the context to the OneGate server, one check per link
// (cli/agent/doctor/), and names the first broken one with its fix. Works whether or not the daemon runs.
// Exit 0 all ok, 1 warnings, 2 a failure.
import { hostDeps } from '../doctor/deps';
import { CHECKS } from '../doctor/index';
import { doctorJson } from '../doctor/render';
import { runChecks } from '../doctor/run-checks';
import type { DoctorDeps } from '../doctor/types';
import { COMMON_OPTIONS, parseCommand } from './args';
import type { AgentResult } from './types';

const width = Math.max(...CHECKS.map((c) => c.name.length)) + 2;

const USAGE = `Usage: onegate-agent doctor [--json] [--config FILE] [--context-dir DIR | --context-file FILE]

Walks the path from the VM context to the OneGate server and names the first broken link and its fix.
Each check prints ok, WARN, FAIL or skip with one line of evidence and one line of advice; a check that
depends on a failed one is skipped. The token is never printed. Works whether or not the daemon runs.

  --json               the same as one JSON object
  --config FILE        configuration, as for run (default /etc/onegate-agent/agent.yaml)
  --context-dir DIR    read context.sh and token.txt from DIR instead of discovering the context
  --context-file FILE  read this context.sh instead of discovering the context

Checks, in order:
${CHECKS.map((c) => `  ${c.name.padEnd(width)}${c.title}`).join('\n')}

Exit status: 0 all ok, 1 warnings, 2 a failure (or bad arguments).
`;

export async function run(argv: string[]): Promise<AgentResult> {
  return doctor(argv, hostDeps);
}

/** `run` with the outside world injected (tests). */
export async function doctor(argv: string[], depsFor: (o: Pick<DoctorDeps, 'configFile' | 'flags'>) => DoctorDeps): Promise<AgentResult> {
  const parsed = parseCommand(argv, {
    usage: USAGE,
    badExit: 2,
    options: { ...COMMON_OPTIONS, json: { type: 'boolean' } },
    check: (v) => {
      if (v['context-dir'] !== undefined && v['context-file'] !== undefined)
        throw new Error('use either --context-dir or --context-file, not both');
    },
  });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const deps = depsFor({ configFile: args.config, flags: { contextDir: args['context-dir'], contextFile: args['context-file'] } });
  const report = await runChecks(CHECKS, { deps, facts: {} });
  return { code: report.exitCode, output: args.json ? { layout: 'json', data: doctorJson(report) } : { layout: 'doctor', data: report } };
}
