// MEM_USED on Windows: 100 × (total − available) / total, where os.freemem() is GlobalMemoryStatusEx's
// ullAvailPhys, the counterpart of MemAvailable (free plus standby pages that can be reused at once).
import type { MemoryOptions } from './memory';
import { nodeOsCalls, type OsCalls } from './os-facts';
import { type CollectContext, type CollectorInstance, NoDataError } from './types';

export { config, defaultEnabled, name, options } from './memory';
export const attributes = [
  {
    names: ['MEM_USED'],
    unit: '%',
    source: '`os.totalmem()`, `os.freemem()` (GlobalMemoryStatusEx)',
    formula: '100 × (total − available) / total',
  },
];

export function create(_ctx: CollectContext<MemoryOptions>, os: OsCalls = nodeOsCalls): CollectorInstance {
  return {
    async collect() {
      const total = os.totalMemory();
      if (!(total > 0)) throw new NoDataError('os.totalmem()', 'no memory size');
      return { MEM_USED: (100 * (total - Math.min(os.freeMemory(), total))) / total };
    },
  };
}
