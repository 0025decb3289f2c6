// The registry: every collector, sorted by name. Adding a collector means one file and one line here.
import * as cpu from './cpu';
import * as filesystem from './filesystem';
import * as load from './load';
import * as memory from './memory';
import * as network from './network';
import * as swap from './swap';
import type { Collector } from './types';
import * as uptime from './uptime';

// biome-ignore lint/suspicious/noExplicitAny: each collector has its own options type; the registry holds them all.
export const collectors: readonly Collector<any>[] = [cpu, filesystem, load, memory, network, swap, uptime];

/** Per-collector options, keyed by collector name: the `metrics` section of the daemon's configuration. */
export interface MetricsOptions {
  /** CPU_USAGE, CPU_STEAL. */
  cpu?: cpu.CpuOptions;
  /** DISK_USED_<MOUNT>. */
  filesystem?: filesystem.FilesystemOptions;
  /** LOAD1, LOAD5, LOAD15. */
  load?: load.LoadOptions;
  /** MEM_USED. */
  memory?: memory.MemoryOptions;
  /** NET_RX_BPS, NET_TX_BPS. */
  network?: network.NetworkOptions;
  /** SWAP_USED. */
  swap?: swap.SwapOptions;
  /** UPTIME (off by default). */
  uptime?: uptime.UptimeOptions;
}

export { type ActiveCollector, type CollectResult, collectAll, createCollectors } from './run';
export type { CollectContext, Collector, CollectorInstance, CollectorToggle } from './types';
export { CollectError, monotonicMs, NoDataError } from './types';
