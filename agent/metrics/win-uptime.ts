// UPTIME on Windows from os.uptime() (GetTickCount64), in whole seconds as on Linux.
import { nodeOsCalls, type OsCalls } from './os-facts';
import type { CollectContext, CollectorInstance } from './types';
import type { UptimeOptions } from './uptime';

export { config, defaultEnabled, name, options } from './uptime';
export const attributes = [{ names: ['UPTIME'], unit: 's', source: '`os.uptime()` (GetTickCount64)', formula: 'rounded down' }];

export function create(_ctx: CollectContext<UptimeOptions>, os: OsCalls = nodeOsCalls): CollectorInstance {
  return {
    async collect() {
      return { UPTIME: Math.floor(os.uptimeSeconds()) };
    },
  };
}
