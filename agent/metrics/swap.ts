// Swap used %: (SwapTotal - SwapFree) / SwapTotal; 0 on a VM without swap, so rules like SWAP_USED > 50 stay false.
import { parseMeminfo } from './meminfo';
import { parseProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, enabledOnly } from './types';

/** Options of the swap collector (only the switch). */
export type SwapOptions = CollectorToggle;

export const name = 'swap';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'SWAP_USED: percent of swap in use.');
export const options = enabledOnly;
export const attributes = [
  { names: ['SWAP_USED'], unit: '%', source: '`/proc/meminfo`', formula: '100 × (SwapTotal − SwapFree) / SwapTotal; 0 without swap' },
];

/** SWAP_USED in % from meminfo text; undefined when the swap fields are missing. */
export function computeSwap(meminfo: string): Record<string, number> | undefined {
  const { SwapTotal: total, SwapFree: free } = parseMeminfo(meminfo);
  if (total === undefined || free === undefined) return undefined;
  return { SWAP_USED: total > 0 ? (100 * (total - Math.min(free, total))) / total : 0 };
}

export function create(ctx: CollectContext<SwapOptions>): CollectorInstance {
  return {
    async collect() {
      return parseProc(ctx.procRoot, 'meminfo', computeSwap, 'no SwapTotal or SwapFree');
    },
  };
}
