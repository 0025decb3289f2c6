// The one small interface every metric collector implements (node_exporter style): a static name, whether it
// runs by default, its own configuration section and how its options are read from it, the attributes it
// pushes, and a factory that receives everything from outside through a context object, so collectors keep no
// module-level state and tests point them at fixture trees. The configuration schema, the packaged sample and
// the docs' key and metric tables are derived from these declarations.
import type { Logger } from '../log';
import { type BooleanKey, boolean, type Keys, type SectionKey, section } from '../schema/keys';

/**
 * Monotonic milliseconds for {@link CollectContext.now}. process.hrtime rather than performance.now(): the
 * `performance` global loads node:perf_hooks (a dozen modules) into a daemon that needs nothing else from it.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What a collector gets from the daemon. */
export interface CollectContext<Options = unknown> {
  /** Root of the proc filesystem, "/proc" in production, a fixture tree in tests. */
  procRoot: string;
  /** Root of the sys filesystem, "/sys" in production. */
  sysRoot: string;
  /** Where collectors log; never at info or above on a normal cycle. */
  log: Logger;
  /** Monotonic milliseconds, used to turn counter deltas into rates. */
  now(): number;
  /** The collector's own options (its exported options interface), already validated. */
  options: Options;
}

/** A created collector: holds its previous sample between calls. */
export interface CollectorInstance {
  /** Upper-case metric name -> value; {} while a rate collector is priming; rejects with NoDataError without a source. */
  collect(): Promise<Record<string, number>>;
  /** Optional details for `onegate-agent status` (the filesystem collector lists its stuck mounts). */
  status?(): Record<string, unknown>;
  /**
   * Metric names (as collect() gives them) its last collect should have given but could not measure (a mount
   * whose statfs is stuck or fails): a failure, not a removal, so what they had is kept, not erased.
   */
  missed?(): string[];
}

/** One collector module, as listed in metrics/index.ts. */
export interface Collector<Options = unknown> {
  /** The one name used for the file, the config key and log fields. */
  readonly name: string;
  /** Whether it runs when the configuration does not mention it. */
  readonly defaultEnabled: boolean;
  /** Its section of the configuration, `metrics.<name>` (made with collectorSection). */
  readonly config: SectionKey;
  /** Its options from its loaded, validated section (seconds -> ms, snake_case -> camelCase). */
  options(section: Record<string, unknown>): Options;
  /** What it pushes, one row of the docs' metrics table each; the contract test holds the output to it. */
  readonly attributes: readonly AttributeDoc[];
  /** Builds an instance; cheap and synchronous, reads nothing. */
  create(ctx: CollectContext<Options>): CollectorInstance;
}

/** Attributes a collector pushes that share a unit, a source and a formula. */
export interface AttributeDoc {
  /** Names without push.prefix; `<MOUNT>` stands for a part made per item (A-Z, 0-9, _). */
  names: readonly string[];
  /** "%", "bytes/s", ... */
  unit: string;
  /** What it reads (Markdown). */
  source: string;
  /** How the value is computed (Markdown). */
  formula: string;
}

/** Every collector's options accept this switch; the daemon's config maps `metrics.<name>.enabled` to it. */
export interface CollectorToggle {
  /** Run this collector; default: the collector's defaultEnabled. */
  enabled?: boolean;
}

/** A collector's `metrics.<name>` section: `enabled`, defaulting to the collector's defaultEnabled, and its own keys. */
export function collectorSection<K extends Keys = Record<never, never>>(
  defaultEnabled: boolean,
  description: string,
  keys?: K,
): SectionKey<{ enabled: BooleanKey } & K> {
  return section(description, { enabled: boolean(defaultEnabled, 'Run this collector.'), ...(keys as K) });
}

/** The options of a collector that has only the switch. */
export function enabledOnly(section: { enabled: boolean }): CollectorToggle {
  return { enabled: section.enabled };
}

/** The source of a metric does not exist here (file missing, not readable, or without the needed fields). */
export class NoDataError extends Error {
  /** Stable code for callers that match on it. */
  readonly code = 'COLLECT_NO_DATA';
  /** The file or mount the collector tried. */
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`no data from ${path}: ${reason}`, options);
    this.name = 'NoDataError';
    this.path = path;
  }
}

/** Reading a source failed in an unexpected way (wraps the system error with the path). */
export class CollectError extends Error {
  /** COLLECT_READ_FAILED, or COLLECT_TOO_LARGE when a file exceeds the read bound. */
  readonly code: 'COLLECT_READ_FAILED' | 'COLLECT_TOO_LARGE';
  /** The file the collector read. */
  readonly path: string;

  constructor(code: CollectError['code'], path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, options);
    this.name = 'CollectError';
    this.code = code;
    this.path = path;
  }
}
