// The verdict of a check from its runs, and the VM's HEALTH from all verdicts. Pure: no clock, no I/O.
// As a Kubernetes probe, a check changes its verdict only after `failures` failed or `successes` passed
// runs in a row, so one slow answer does not flap HEALTH; before its first verdict it is UNKNOWN.
import type { CheckVerdict, HealthCheck, HealthStatus, ProbeResult } from './types';

/** A check that has not run yet. */
export function initialVerdict(): CheckVerdict {
  return { status: 'UNKNOWN', passes: 0, misses: 0, reason: '' };
}

/** The verdict after one more run. */
export function nextVerdict(previous: CheckVerdict, result: ProbeResult, check: Pick<HealthCheck, 'failures' | 'successes'>): CheckVerdict {
  if (result.ok) {
    const passes = previous.passes + 1;
    const status = previous.status !== 'OK' && passes >= check.successes ? 'OK' : previous.status;
    return { status, passes, misses: 0, reason: status === 'OK' ? '' : previous.reason };
  }
  const misses = previous.misses + 1;
  const status = misses >= check.failures ? 'FAIL' : previous.status;
  return { status, passes: 0, misses, reason: result.reason };
}

/** The VM's health from its checks' verdicts, with the first failing check's reason. */
export interface OverallHealth {
  /** FAIL when any check fails, else UNKNOWN while any has no verdict, else OK. */
  status: HealthStatus;
  /** "<check>: <reason>" of the failing checks (the first, and how many more), "" unless FAIL. */
  reason: string;
}

/** Combines verdicts, in configuration order. */
export function overallHealth(verdicts: Array<{ name: string; verdict: CheckVerdict }>): OverallHealth {
  const failing = verdicts.filter((v) => v.verdict.status === 'FAIL');
  if (failing.length > 0) {
    const first = `${failing[0].name}: ${failing[0].verdict.reason}`;
    return { status: 'FAIL', reason: failing.length > 1 ? `${first} (and ${failing.length - 1} more)` : first };
  }
  const status: HealthStatus = verdicts.some((v) => v.verdict.status === 'UNKNOWN') ? 'UNKNOWN' : 'OK';
  return { status, reason: '' };
}

/** Characters OneGate cannot store in a value, replaced in a reason (which quotes programs and servers). */
const UNSTORABLE = /\\n|[,[\]"\\\u0000-\u001f]/g;

/** A reason as a storable HEALTH_REASON value: one line, no character OneGate refuses, at most 200 characters. */
export function storableReason(reason: string): string {
  const text = reason.replace(UNSTORABLE, ' ').replace(/ {2,}/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text || 'failed';
}
