// Time source of the scheduler and the retry waits, injectable so tests can drive it with fake timers.

/** A clock: current time and one-shot timers. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds; returns a handle for clearTimeout. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a timer from setTimeout; ignores handles already fired. */
  clearTimeout(handle: unknown): void;
}

/** The real clock. Timers are not unref'd: they are what keeps the daemon alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
