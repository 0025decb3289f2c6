// The verdict of `onegate-agent status --wait` on one look at the status file, as `cloud-init status --wait`:
// READY reported ends the wait (0); a daemon that is gone or does not report READY never will (1); else wait on.
import type { StatusDocument } from './status-document';

/** Where the wait stands after one look. */
export type ReadyWait = { done: true; code: 0 | 1; line: string } | { done: false; line: string };

/** Judges one status document; `alive` tells whether its pid is still the daemon. */
export function judgeReadyWait(doc: StatusDocument | undefined, alive: boolean): ReadyWait {
  // No status file yet: the daemon may still be starting (this runs early in boot).
  if (!doc) return { done: false, line: 'no status file yet' };
  if (doc.ready.status === 'reported') return { done: true, code: 0, line: `READY reported at ${doc.ready.reportedAt ?? '?'}` };
  if (!alive) {
    const how = doc.stoppedAt ? `stopped at ${doc.stoppedAt}` : `process ${doc.pid} is gone`;
    return { done: true, code: 1, line: `the agent ${how} before READY was reported` };
  }
  if (doc.ready.status === 'off') return { done: true, code: 1, line: 'the agent does not report READY (REPORT_READY is not YES)' };
  const why = doc.ready.lastError ? `: ${doc.ready.lastError.message}` : '';
  return { done: false, line: `READY ${doc.ready.status}${doc.ready.waitsFor ? ` (waits for ${doc.ready.waitsFor})` : ''}${why}` };
}
