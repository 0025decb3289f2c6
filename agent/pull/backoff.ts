// Adaptive pull: while the documents come back with nothing a hook is about, the pull skips ticks of its
// base interval, doubling the gap after each quiet pull up to a ceiling (the worst-case staleness); a change,
// a failure or a wake-up (new context, SIGHUP, a write the VM made) brings it back to every tick. The gap
// counts ticks of the same phased grid, so a backed-off fleet still spreads its requests; given the tick's
// slot (schedule/ticker.ts slotOf), a backed-off pull waits for the VM's own tick of the gap on the epoch's
// grid instead, 1 to gap ticks after the last, so a fleet started together does not pull in one interval.

/** When to pull, tick by tick. */
export interface PullBackoff {
  /**
   * True when this tick pulls; a false answer counts the tick as skipped. With `onSlot` (is this tick the
   * VM's one in every `gap`?) a backed-off pull comes at its slot: never later than `gap` ticks.
   */
  due(onSlot?: (gap: number) => boolean): boolean;
  /** After a pull: quiet means no hook event, no removal, no failure. */
  pulled(quiet: boolean): void;
  /** The next tick pulls, and the gap starts again from one tick. */
  wake(): void;
  /** Ticks between pulls now (1: every tick). */
  readonly gap: number;
}

/** A backoff whose gap never exceeds maxTicks (1: no backoff). */
export function createPullBackoff(maxTicks: number): PullBackoff {
  const ceiling = Math.max(1, Math.floor(maxTicks));
  let gap = 1;
  let skip = 0;
  return {
    due(onSlot) {
      if (onSlot && gap > 1) return onSlot(gap);
      if (skip <= 0) return true;
      skip--;
      return false;
    },
    pulled(quiet) {
      gap = quiet ? Math.min(gap * 2, ceiling) : 1;
      skip = gap - 1;
    },
    wake() {
      gap = 1;
      skip = 0;
    },
    get gap() {
      return gap;
    },
  };
}

/** Ticks of the base interval that fit in the longest allowed gap (0 seconds: no backoff). */
export function maxGapTicks(maxIntervalSeconds: number, intervalSeconds: number): number {
  if (maxIntervalSeconds <= 0 || intervalSeconds <= 0) return 1;
  return Math.max(1, Math.floor(maxIntervalSeconds / intervalSeconds));
}
