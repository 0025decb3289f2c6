// The registry: every collector, sorted by name. Adding a collector means one file (with its configuration
// section, options and attributes), one line here, and its fixtures under test/fixtures/proc. The `metrics`
// section of the configuration, its options and the docs' metric table are all derived from this list.
import * as cpu from './cpu';
import * as filesystem from './filesystem';
import * as load from './load';
import * as memory from './memory';
import * as network from './network';
import * as swap from './swap';
import type { Collector } from './types';
import * as uptime from './uptime';
import * as winCpu from './win-cpu';
import * as winFilesystem from './win-filesystem';
import * as winMemory from './win-memory';
import * as winNetwork from './win-network';
import * as winUptime from './win-uptime';

const registry = [cpu, filesystem, load, memory, network, swap, uptime] as const;
type Registered = (typeof registry)[number];

// biome-ignore lint/suspicious/noExplicitAny: each collector has its own options type; the registry holds them all.
export const collectors: readonly Collector<any>[] = registry;

/**
 * The collectors of an OS: Linux's read /proc; Windows has its own under the same names, configuration
 * keys and attribute names, from Node's OS APIs and one probe (network). load and swap have no Windows
 * collector: absent there, not 0 (docs/metrics.md), which `WINDOWS_ONLY_GAPS` tells once.
 */
// biome-ignore lint/suspicious/noExplicitAny: as `collectors`.
export function collectorsFor(platform: NodeJS.Platform): readonly Collector<any>[] {
  return platform === 'win32' ? [winCpu, winFilesystem, winMemory, winNetwork, winUptime] : collectors;
}

/** The keys of the configuration's `metrics` section: each collector's own section under its name. */
export const metricsKeys = Object.fromEntries(registry.map((c) => [c.name, c.config])) as {
  [C in Registered as C['name']]: C['config'];
};

/** Per-collector options, keyed by collector name. */
export type MetricsOptions = { [C in Registered as C['name']]?: ReturnType<C['options']> };

/** Every collector's options, read from the loaded `metrics` section. */
export function metricsOptionsFrom(section: { [C in Registered as C['name']]: Parameters<C['options']>[0] }): MetricsOptions {
  const all = section as unknown as Record<string, Record<string, unknown>>;
  return Object.fromEntries(collectors.map((c) => [c.name, c.options(all[c.name])]));
}

export { type ActiveCollector, type CollectResult, collectAll, createCollectors } from './run';
export type { AttributeDoc, CollectContext, Collector, CollectorInstance, CollectorToggle } from './types';
export { CollectError, monotonicMs, NoDataError } from './types';
