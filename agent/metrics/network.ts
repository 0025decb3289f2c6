// Receive and transmit bytes per second summed over the guest's interfaces, from /proc/net/dev deltas
// (docs/metrics.md). Loopback is never counted; bridges and veth pairs are excluded by default because
// container traffic crossing them is counted again on the uplink.

import { stringList, type ValueOf } from '../schema/keys';
import { nonEmpty, parseProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection } from './types';

/** Options of the network collector. */
export interface NetworkOptions extends CollectorToggle {
  /** Interface name patterns to count (`*` and `?` wildcards); default: every interface. */
  include?: string[];
  /** Interface name patterns never counted, applied after include; default DEFAULT_NETWORK_EXCLUDE. */
  exclude?: string[];
}

/** Virtual interfaces whose traffic also crosses a physical one. */
export const DEFAULT_NETWORK_EXCLUDE = ['veth*', 'docker*', 'br-*', 'virbr*', 'cni*', 'flannel*', 'cali*', 'kube-*'];

/** Interface -> [rx bytes, tx bytes]. */
export type NetSample = Record<string, [number, number]>;

export const name = 'network';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'NET_RX_BPS and NET_TX_BPS: bytes per second over the non-loopback interfaces.', {
  include: stringList([], 'Interface name patterns (* and ? wildcards) to count; empty: all.'),
  exclude: stringList([...DEFAULT_NETWORK_EXCLUDE], 'Interface name patterns never counted.'),
});
export function options(c: ValueOf<typeof config>): NetworkOptions {
  return { enabled: c.enabled, include: c.include, exclude: c.exclude };
}
export const attributes = [
  {
    names: ['NET_RX_BPS', 'NET_TX_BPS'],
    unit: 'bytes/s',
    source: '`/proc/net/dev`',
    formula: 'Σ Δbytes / Δt over the selected interfaces',
  },
];

/** Parses interface lines; lines with fewer than 9 numeric counters are ignored. */
export function parseNetDev(text: string): NetSample {
  const out: NetSample = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const iface = line.slice(0, colon).trim();
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (!iface || iface.includes('|') || fields.length < 9) continue;
    const rx = Number(fields[0]);
    const tx = Number(fields[8]);
    if (/^\d+$/.test(fields[0]) && /^\d+$/.test(fields[8])) out[iface] = [rx, tx];
  }
  return out;
}

/** Builds the interface filter from the options. */
export function interfaceFilter(options: NetworkOptions): (iface: string) => boolean {
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? DEFAULT_NETWORK_EXCLUDE).map(globToRegExp);
  return (iface) => iface !== 'lo' && (include.length === 0 || include.some((r) => r.test(iface))) && !exclude.some((r) => r.test(iface));
}

/** Rates over the selected interfaces present in both samples whose counters did not go backwards. */
export function computeNetwork(
  prev: NetSample,
  cur: NetSample,
  elapsedMs: number,
  select: (iface: string) => boolean,
): Record<string, number> {
  let rx = 0;
  let tx = 0;
  let used = 0;
  for (const [iface, [r, t]] of Object.entries(cur)) {
    const p = prev[iface];
    // A decrease means the interface was recreated or a 32-bit counter wrapped: no honest delta this time.
    if (!p || !select(iface) || r < p[0] || t < p[1]) continue;
    rx += r - p[0];
    tx += t - p[1];
    used++;
  }
  if (used === 0 || elapsedMs <= 0) return {};
  return { NET_RX_BPS: (rx * 1000) / elapsedMs, NET_TX_BPS: (tx * 1000) / elapsedMs };
}

/** The first call primes and returns {}. */
export function create(ctx: CollectContext<NetworkOptions>): CollectorInstance {
  const select = interfaceFilter(ctx.options ?? {});
  let prev: { sample: NetSample; at: number } | undefined;
  return {
    async collect() {
      const sample = parseProc(ctx.procRoot, 'net/dev', (t) => nonEmpty(parseNetDev(t)), 'no interfaces');
      const at = ctx.now();
      const metrics = prev ? computeNetwork(prev.sample, sample, at - prev.at, select) : {};
      prev = { sample, at };
      return metrics;
    },
  };
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
