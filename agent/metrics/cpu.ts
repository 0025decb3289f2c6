// CPU usage and steal from /proc/stat deltas (docs/metrics.md). Busy = user + nice + system + irq + softirq,
// which is what `top` adds up: iowait is idle time and steal is time the hypervisor took, reported on its own.
// Deltas are summed over the per-CPU lines present in both samples, so a CPU that is hot-plugged in or out
// between samples simply drops out of that interval instead of distorting the aggregate line.
import { nonEmpty, parseProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, enabledOnly } from './types';

/** Options of the cpu collector (only the switch). */
export type CpuOptions = CollectorToggle;

/** Jiffies per CPU line: user nice system idle iowait irq softirq steal (guest is already inside user). */
export type CpuSample = Record<string, number[]>;

const IDLE = 3;
const BUSY = [0, 1, 2, 5, 6];
const STEAL = 7;

export const name = 'cpu';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'CPU_USAGE and CPU_STEAL (percent of all CPUs).');
export const options = enabledOnly;
export const attributes = [
  { names: ['CPU_USAGE'], unit: '%', source: '`/proc/stat`', formula: '100 × Δ(user + nice + system + irq + softirq) / Δtotal' },
  { names: ['CPU_STEAL'], unit: '%', source: '`/proc/stat`', formula: '100 × Δsteal / Δtotal' },
];

/** Parses the `cpu` and `cpuN` lines; lines with fewer than 4 numeric fields are ignored. */
export function parseStat(text: string): CpuSample {
  const sample: CpuSample = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [label, ...rest] = line.trim().split(/\s+/);
    const values = rest.slice(0, 8).map(Number);
    if (!/^cpu\d*$/.test(label) || values.length < 4 || !values.every(Number.isFinite)) continue;
    sample[label] = values;
  }
  return sample;
}

/** Usage and steal % between two samples, and the baseline to keep for the next call. */
export function computeCpu(prev: CpuSample, cur: CpuSample): { metrics: Record<string, number>; baseline: CpuSample } {
  const perCpu = Object.keys(cur).filter((k) => k !== 'cpu');
  const keys = (perCpu.length > 0 ? perCpu : ['cpu']).filter((k) => prev[k] && cur[k]);
  const baseline: CpuSample = { ...cur };
  const sum = new Array<number>(8).fill(0);
  let withSteal = true;
  let used = 0;
  for (const key of keys) {
    const p = prev[key];
    const c = cur[key];
    // Idle going backwards means the CPU was reset (hot-plug); a changed width means a different kernel view.
    if (c.length !== p.length || c[IDLE] < p[IDLE]) continue;
    // Other counters (iowait on tickless kernels) may step back a little: count 0 and keep the higher value.
    baseline[key] = c.map((v, i) => Math.max(v, p[i]));
    c.forEach((v, i) => {
      sum[i] += Math.max(0, v - p[i]);
    });
    withSteal &&= c.length > STEAL;
    used++;
  }
  const total = sum.reduce((a, b) => a + b, 0);
  if (used === 0 || total <= 0) return { metrics: {}, baseline };
  const metrics: Record<string, number> = { CPU_USAGE: (100 * BUSY.reduce((a, i) => a + sum[i], 0)) / total };
  if (withSteal) metrics.CPU_STEAL = (100 * sum[STEAL]) / total;
  return { metrics, baseline };
}

/** A collector over `sample()`: the first call primes and returns {}, later calls the delta since the last. */
export function cpuCollector(sample: () => CpuSample): CollectorInstance {
  let prev: CpuSample | undefined;
  return {
    async collect() {
      const cur = sample();
      if (!prev) {
        prev = cur;
        return {};
      }
      const { metrics, baseline } = computeCpu(prev, cur);
      prev = baseline;
      return metrics;
    },
  };
}

export function create(ctx: CollectContext<CpuOptions>): CollectorInstance {
  return cpuCollector(() => parseProc(ctx.procRoot, 'stat', (t) => nonEmpty(parseStat(t)), 'no cpu lines'));
}
