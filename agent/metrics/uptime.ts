// Seconds since boot from /proc/uptime ("350735.47 234388.90"). Off by default: it changes every cycle, so it
// would defeat change-driven pushes and cost one vm.update per cycle for a value the server rarely needs.
import { parseProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, enabledOnly } from './types';

/** Options of the uptime collector (only the switch). */
export type UptimeOptions = CollectorToggle;

export const name = 'uptime';
export const defaultEnabled = false;
export const config = collectorSection(defaultEnabled, 'UPTIME in seconds.');
export const options = enabledOnly;
export const attributes = [{ names: ['UPTIME'], unit: 's', source: '`/proc/uptime`', formula: 'first field, rounded down' }];

/** UPTIME in whole seconds; undefined when the first field is not a number. */
export function parseUptime(text: string): Record<string, number> | undefined {
  const first = text.trim().split(/\s+/)[0];
  if (!/^\d+(\.\d+)?$/.test(first)) return undefined;
  return { UPTIME: Math.floor(Number(first)) };
}

export function create(ctx: CollectContext<UptimeOptions>): CollectorInstance {
  return {
    async collect() {
      return parseProc(ctx.procRoot, 'uptime', parseUptime, 'no seconds field');
    },
  };
}
