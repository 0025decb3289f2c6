// Memory used %: (MemTotal - available) / MemTotal, with available from MemAvailable or, on kernels older than
// 3.14, the estimate in meminfo.ts (docs/metrics.md).
import { join } from 'node:path';
import { availableKb, parseMeminfo, parseZoneinfo, type ZoneTotals } from './meminfo';
import { readProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, enabledOnly, NoDataError } from './types';

/** Options of the memory collector (only the switch). */
export type MemoryOptions = CollectorToggle;

export const name = 'memory';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'MEM_USED: percent of memory in use (from MemAvailable).');
export const options = enabledOnly;
export const attributes = [
  {
    names: ['MEM_USED'],
    unit: '%',
    source: '`/proc/meminfo` (+ `/proc/zoneinfo` on old kernels)',
    formula: '100 × (MemTotal − available) / MemTotal',
  },
];

/** MEM_USED in % from meminfo text, and zoneinfo totals when the kernel lacks MemAvailable; undefined without data. */
export function computeMemory(meminfo: string, zones?: ZoneTotals): Record<string, number> | undefined {
  const mem = parseMeminfo(meminfo);
  const total = mem.MemTotal;
  const available = availableKb(mem, zones);
  if (!total || available === undefined) return undefined;
  return { MEM_USED: (100 * (total - Math.min(available, total))) / total };
}

export function create(ctx: CollectContext<MemoryOptions>): CollectorInstance {
  return {
    async collect() {
      const text = readProc(ctx.procRoot, 'meminfo');
      const zones = /^MemAvailable:/m.test(text) ? undefined : readZones(ctx);
      const metrics = computeMemory(text, zones);
      if (!metrics) throw new NoDataError(join(ctx.procRoot, 'meminfo'), 'no MemTotal or MemFree');
      return metrics;
    },
  };
}

function readZones(ctx: CollectContext): ZoneTotals | undefined {
  try {
    return parseZoneinfo(readProc(ctx.procRoot, 'zoneinfo'));
  } catch (e) {
    if (!(e instanceof NoDataError)) throw e;
    ctx.log.debug(`memory: ${e.message}; using MemFree + Buffers + Cached`);
    return undefined;
  }
}
