// The verdict of `onegate-agent status`, as cloud-init status: 0 healthy, 1 degraded, 2 not running.
import type { StatusDocument } from './status-document';

/** The verdict and its reasons. */
export interface Health {
  /** The exit status of `status`. */
  code: 0 | 1 | 2;
  /** running, degraded or not running. */
  state: 'running' | 'degraded' | 'not running';
  /** One line per reason for degraded or not running. */
  problems: string[];
}

/** The verdict on a status file that exists but cannot be used: not running, as without one. */
export function damagedHealth(problem: string): Health {
  return { code: 2, state: 'not running', problems: [problem] };
}

/** Judges a status document; `alive` tells whether its pid is still the daemon. */
export function assessHealth(doc: StatusDocument | undefined, alive: boolean, now: number): Health {
  if (!doc) return { code: 2, state: 'not running', problems: ['no status file: the daemon has not run since boot'] };
  if (!alive) {
    const how = doc.stoppedAt ? `stopped at ${doc.stoppedAt}` : `process ${doc.pid} is gone (last update ${doc.updatedAt})`;
    return { code: 2, state: 'not running', problems: [how] };
  }
  const problems: string[] = [];
  for (const [name, feature] of [
    ['context', doc.context],
    ['push', doc.push],
    ['pull', doc.pull],
    ['ready', doc.ready],
  ] as const) {
    if (feature.disabled) problems.push(`${name}: off: ${feature.disabled}`);
    else if (feature.lastError) {
      const e = feature.lastError;
      problems.push(`${name}: failing since ${e.since} (${e.count} attempt${e.count === 1 ? '' : 's'}): ${e.message}`);
    }
  }
  // A daemon that stopped writing its status is stuck even though its process exists.
  const staleMs = Math.max(3 * doc.interval * 1000, 120_000);
  const age = now - Date.parse(doc.updatedAt);
  if (age > staleMs)
    problems.push(`status not updated for ${Math.round(age / 1000)} s (interval ${doc.interval} s): the daemon may be stuck`);
  return problems.length > 0 ? { code: 1, state: 'degraded', problems } : { code: 0, state: 'running', problems };
}
