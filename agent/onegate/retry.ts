// The one retry/backoff module (the client and the daemon both use it): exponential backoff with full jitter
// (AWS architecture blog "Exponential Backoff And Jitter"), so a fleet of VMs that failed together does not
// retry together.

/** How often and how far apart to retry. */
export interface RetryPolicy {
  /** Attempts in total, the first one included (1 = never retry). */
  maxAttempts: number;
  /** Upper bound of the first retry's delay, in ms. */
  baseMs: number;
  /** Growth of the bound per retry (2 doubles it). */
  factor: number;
  /** Cap of the bound, in ms. */
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): a uniformly random value in
 * [0, min(maxMs, baseMs * factor^(attempt-1))). Pure given `rand`.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, rand: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const bound = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  return Math.floor(rand() * bound);
}

/**
 * Milliseconds a Retry-After header asks for (delta seconds or an HTTP date), or undefined when absent or
 * unparsable. Never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/** One-shot timers, as a Clock has them (agent/schedule/clock.ts); injectable so tests drive waits with a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts (at once if already aborted). */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = realTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      timers.clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = timers.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
