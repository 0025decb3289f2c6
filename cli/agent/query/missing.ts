// The one line `onegate-agent query` prints when there is no cache to answer from (exit 2): where it looked
// and the likeliest reason, from the daemon's own status file. Pure: the caller reads the files.
import type { StatusDocument } from '../../../agent/state/status-document';

/** What was found where the cache should be. */
export interface CacheLook {
  /** The run directory looked in. */
  runDir: string;
  /** False when it does not exist. */
  dirExists: boolean;
  /** run_dir/status.json, undefined when absent or unreadable. */
  status?: StatusDocument;
  /** The status file's pid is a running onegate-agent. */
  alive: boolean;
}

/** Why there is no vm.json, and how to get one. */
export function missingCacheLine(look: CacheLook): string {
  const { runDir, status } = look;
  if (!look.dirExists)
    return `${runDir} does not exist: no daemon has pulled since boot; start it (systemctl start onegate-agent) with pull.enabled: true, or name its run_dir with --config or --run-dir`;
  const none = `no cached documents in ${runDir} (no vm.json)`;
  if (!status)
    return `${none}: the daemon has not run since boot (no status.json); start it (systemctl start onegate-agent) with pull.enabled: true`;
  if (!status.pull.enabled) return `${none}: the daemon runs with pull.enabled: false; set it to true to cache the documents`;
  if (!look.alive) return `${none}: the daemon (pid ${status.pid}) is not running; start it (systemctl start onegate-agent)`;
  if (status.pull.disabled) return `${none}: the daemon's pull is off: ${status.pull.disabled}`;
  if (status.pull.lastError) return `${none}: the daemon's pulls fail: ${status.pull.lastError.message} (onegate-agent status)`;
  return `${none}: the daemon has not pulled yet (onegate-agent status shows the next pull)`;
}
