// Load averages from /proc/loadavg: "0.52 0.58 0.59 1/467 12345" (docs/metrics.md).
import { parseProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, enabledOnly } from './types';

/** Options of the load collector (only the switch). */
export type LoadOptions = CollectorToggle;

export const name = 'load';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'LOAD1, LOAD5 and LOAD15.');
export const options = enabledOnly;
export const attributes = [
  { names: ['LOAD1', 'LOAD5', 'LOAD15'], unit: 'runnable tasks', source: '`/proc/loadavg`', formula: 'the first three fields as they are' },
];

/** LOAD1, LOAD5, LOAD15; undefined when the text does not start with three non-negative numbers. */
export function parseLoadavg(text: string): Record<string, number> | undefined {
  const fields = text.trim().split(/\s+/).slice(0, 3);
  if (fields.length < 3 || !fields.every((f) => /^\d+(\.\d+)?$/.test(f))) return undefined;
  const [l1, l5, l15] = fields.map(Number);
  return { LOAD1: l1, LOAD5: l5, LOAD15: l15 };
}

export function create(ctx: CollectContext<LoadOptions>): CollectorInstance {
  return {
    async collect() {
      return parseProc(ctx.procRoot, 'loadavg', parseLoadavg, 'not three load averages');
    },
  };
}
