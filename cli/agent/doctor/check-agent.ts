// agent: the running daemon's own state, found as `status` finds it (run_dir/status.json of the configuration
// file, or of the defaults when that file is unusable: configOrDefaults) plus the holder of the state_dir lock.
// A daemon that never ran here is not a fault of the path to OneGate (doctor works before the service starts);
// one that stopped or is degraded is.
import type { AgentConfig } from '../../../agent/config/schema';
import { assessHealth } from '../../../agent/state/health';
import { lockHolder } from '../../../agent/state/lock';
import { readStatus, statusPath } from '../../../agent/state/status';
import { StatusFileError } from '../../../agent/state/status-check';
import type { StatusDocument } from '../../../agent/state/status-document';
import { configOrDefaults } from '../commands/config-of';
import { type Check, type DoctorDeps, type Finding, ok, warn } from './types';

export const agentCheck: Check = {
  name: 'agent',
  title: "the running agent's state",
  needs: [],
  async run({ deps, facts }) {
    const notes: string[] = [];
    const found = judge(deps, facts.loaded?.config ?? configOrDefaults(deps.configFile, notes));
    return notes.length > 0 ? { ...found, evidence: `${found.evidence} (the configuration is unusable: default run_dir)` } : found;
  },
};

function judge(deps: DoctorDeps, config: AgentConfig): Finding {
  const { run_dir: runDir, state_dir: stateDir } = config;
  let doc: StatusDocument | undefined;
  try {
    doc = readStatus(runDir);
  } catch (err) {
    if (!(err instanceof StatusFileError)) throw err;
    return warn(err.message, 'restart the agent (systemctl restart onegate-agent) so that it rewrites its status file');
  }
  const holder = lockHolder(stateDir);
  const holderAlive = holder !== undefined && deps.isAlive(holder);
  if (!doc) {
    if (holderAlive) return ok(`pid ${holder} holds ${stateDir} but has written no ${statusPath(runDir)} yet (starting?)`);
    return ok(`not running: no ${statusPath(runDir)}${holder ? `, stale lock of pid ${holder}` : ''} (doctor does not need it)`);
  }
  const health = assessHealth(doc, deps.isAlive(doc.pid), deps.now());
  const lock =
    holder === doc.pid ? 'holds the state_dir lock' : holderAlive ? `but pid ${holder} holds the state_dir lock` : 'no live lock holder';
  const ready = `READY ${doc.ready.status}`;
  if (health.state === 'running') return ok(`pid ${doc.pid} (version ${doc.version}) running since ${doc.startedAt}, ${lock}; ${ready}`);
  const more = health.problems.length > 1 ? ` (+${health.problems.length - 1} more)` : '';
  if (health.state === 'degraded')
    return warn(
      `pid ${doc.pid} running but degraded: ${health.problems[0]}${more}; ${ready}`,
      'onegate-agent status shows every problem; journalctl -u onegate-agent has the details',
    );
  return warn(
    `not running: ${health.problems[0]}; last ${ready}`,
    'start it (systemctl start onegate-agent); journalctl -u onegate-agent tells why it stopped',
  );
}
