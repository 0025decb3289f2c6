// Change detection for the push: which formatted attributes differ from the ones last sent. Compare against the
// values last *sent*, not last collected, so a value creeping by less than the threshold per cycle is still sent
// once its total drift reaches the threshold.

/** What counts as a change. */
export interface DiffOptions {
  /** A numeric change smaller than this counts as unchanged; default 0 (any change counts). */
  threshold?: number;
  /** Per-name thresholds (final, prefixed names) overriding `threshold`. */
  thresholds?: Record<string, number>;
}

/** The outcome of one comparison. */
export interface AttributeDiff {
  /** Names whose value is new or changed enough, with the current value. */
  changed: Record<string, string>;
  /** Names present before and absent now. */
  removed: string[];
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Compares two sets of formatted attributes. */
export function diffAttributes(
  previous: Record<string, string>,
  current: Record<string, string>,
  options: DiffOptions = {},
): AttributeDiff {
  const changed: Record<string, string> = {};
  for (const [name, value] of Object.entries(current)) {
    const before = Object.hasOwn(previous, name) ? previous[name] : undefined;
    if (before === undefined || (before !== value && !withinThreshold(before, value, thresholdOf(name, options)))) changed[name] = value;
  }
  const removed = Object.keys(previous).filter((name) => !Object.hasOwn(current, name));
  return { changed, removed };
}

function thresholdOf(name: string, options: DiffOptions): number {
  return options.thresholds?.[name] ?? options.threshold ?? 0;
}

function withinThreshold(a: string, b: string, threshold: number): boolean {
  return threshold > 0 && PLAIN_NUMBER.test(a) && PLAIN_NUMBER.test(b) && Math.abs(Number(a) - Number(b)) < threshold;
}
