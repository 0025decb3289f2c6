// Swap used %: (SwapTotal - SwapFree) / SwapTotal; 0 on a VM without swap, so rules like SWAP_USED > 50 stay false.
import { parseMeminfo } from './meminfo';
import { parseProc } from './read-proc';
import type { CollectContext, CollectorInstance, CollectorToggle } from './types';

/** Options of the swap collector (only the switch). */
export type SwapOptions = CollectorToggle;

export const name = 'swap';
export const defaultEnabled = true;

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
