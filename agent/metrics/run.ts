// Creating the enabled collectors and running one collection over all of them. A collector that fails never
// stops the others: "no data" is logged at debug, anything else at warn, and both are returned to the caller.
import type { Logger } from '../log';
import { type Collector, type CollectorInstance, type CollectorToggle, NoDataError } from './types';

/** A created collector with its name. */
export interface ActiveCollector {
  /** The collector's name, for logs and status. */
  name: string;
  /** The instance that keeps the previous sample. */
  instance: CollectorInstance;
}

/** What one collection produced. */
export interface CollectResult {
  /** Every metric from every collector that answered. */
  values: Record<string, number>;
  /** Collector name -> error, for the collectors that did not (NoDataError included). */
  errors: Record<string, Error>;
  /** Metric name -> the collector that gave it. */
  sources: Record<string, string>;
  /** Collectors that gave nothing: failed, without data, or priming their rates (what they gave before is kept). */
  silent: string[];
  /** Metric name -> its collector, for the metrics a collector that answered could not measure (CollectorInstance.missed). */
  missed: Record<string, string>;
}

/** Instances of the collectors enabled in `options` (or by default), in registry order. */
export function createCollectors(
  // biome-ignore lint/suspicious/noExplicitAny: the registry mixes option types (see index.ts).
  registry: readonly Collector<any>[],
  // MetricsOptions (index.ts), keyed by collector name.
  base: { procRoot: string; sysRoot: string; log: Logger; now(): number; options: Readonly<Record<string, CollectorToggle | undefined>> },
): ActiveCollector[] {
  const all = base.options;
  return registry
    .filter((c) => all[c.name]?.enabled ?? c.defaultEnabled)
    .map((c) => ({ name: c.name, instance: c.create({ ...base, options: all[c.name] ?? {} }) }));
}

/** Runs every collector concurrently and merges their metrics. */
export async function collectAll(active: ActiveCollector[], log: Logger): Promise<CollectResult> {
  const result: CollectResult = { values: {}, errors: {}, sources: {}, silent: [], missed: {} };
  await Promise.all(
    active.map(async ({ name, instance }) => {
      try {
        const values = await instance.collect();
        Object.assign(result.values, values);
        for (const metric of Object.keys(values)) result.sources[metric] = name;
        if (Object.keys(values).length === 0) result.silent.push(name);
        for (const metric of instance.missed?.() ?? []) result.missed[metric] = name;
      } catch (e) {
        result.silent.push(name);
        const err = e as Error;
        if (e instanceof NoDataError) log.debug(`${name}: ${err.message}`);
        else log.warn(`${name}: ${err.message}`);
        result.errors[name] = err;
      }
    }),
  );
  return result;
}
