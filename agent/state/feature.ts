// Success and failure bookkeeping of a feature, with the log rate limit the fleet needs: an identical
// failure is logged once, then at most once per period, and the recovery once (peers' noisy-log lesson).
import type { ErrorRecord, FeatureState } from './types';

/** A failure to record: a stable code and one line. */
export interface Failure {
  code: string;
  message: string;
  /** Milliseconds the server asked to wait before the next attempt (Retry-After), when it said. */
  retryAfterMs?: number;
}

/** Records an attempt's failure; returns true when it should be logged now. */
export function recordFailure(feature: FeatureState, failure: Failure, now: number, logEveryMs: number): boolean {
  const at = new Date(now).toISOString();
  feature.lastAttempt = at;
  const previous = feature.lastError;
  if (previous && previous.code === failure.code && previous.message === failure.message) {
    previous.count++;
    if (now - previous.loggedAt < logEveryMs) return false;
    previous.loggedAt = now;
    return true;
  }
  const record: ErrorRecord = { code: failure.code, message: failure.message, since: at, count: 1, loggedAt: now };
  feature.lastError = record;
  return true;
}

/** Records a success; returns the failure it ends (to log the recovery), if any. */
export function recordSuccess(feature: FeatureState, now: number): ErrorRecord | undefined {
  const at = new Date(now).toISOString();
  feature.lastAttempt = at;
  feature.lastSuccess = at;
  const ended = feature.lastError;
  delete feature.lastError;
  return ended;
}

/** The code and message of any thrown value (OneGateError, ContextError, system errors). */
export function toFailure(err: unknown, fallbackCode = 'INTERNAL_ERROR'): Failure {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : fallbackCode;
  const message = typeof e?.message === 'string' ? e.message.split('\n')[0] : String(err);
  const retryAfterMs = (err as { retryAfterMs?: unknown })?.retryAfterMs;
  return typeof retryAfterMs === 'number' ? { code, message, retryAfterMs } : { code, message };
}
