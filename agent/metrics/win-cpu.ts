// CPU_USAGE on Windows from os.cpus() deltas, computed by the same code as /proc/stat on Linux: each CPU's
// times become a /proc/stat line (user nice system idle iowait irq softirq). Windows reports no steal, so
// CPU_STEAL is absent there, not 0.
import { type CpuOptions, type CpuSample, cpuCollector } from './cpu';
import { nodeOsCalls, type OsCalls } from './os-facts';
import type { CollectContext, CollectorInstance } from './types';

export { config, defaultEnabled, name, options } from './cpu';
export const attributes = [
  {
    names: ['CPU_USAGE'],
    unit: '%',
    source: '`os.cpus()` (NtQuerySystemInformation)',
    formula: '100 × Δ(user + nice + sys + irq) / Δtotal',
  },
];

/** os.cpus() times as /proc/stat fields, one line per CPU. */
export function sampleOf(times: ReturnType<OsCalls['cpuTimes']>): CpuSample {
  return Object.fromEntries(times.map((t, i) => [`cpu${i}`, [t.user, t.nice, t.sys, t.idle, 0, t.irq, 0]]));
}

export function create(_ctx: CollectContext<CpuOptions>, os: OsCalls = nodeOsCalls): CollectorInstance {
  return cpuCollector(() => sampleOf(os.cpuTimes()));
}
