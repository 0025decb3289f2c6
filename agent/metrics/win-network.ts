// NET_RX_BPS and NET_TX_BPS on Windows. Node exposes no interface counters there and the style of the
// collectors start no program where an API exists, so this is the one documented probe: `netstat -e` (a small program present on
// every Windows and in wine, where Get-NetAdapterStatistics would start a PowerShell every cycle), bounded by
// PROBE_TIMEOUT_MS. Its totals cover every interface Windows counts; the per-interface include/exclude
// patterns cannot apply, and the agent says so once. Rates come from computeNetwork, as on Linux.
import { computeNetwork, DEFAULT_NETWORK_EXCLUDE, type NetSample, type NetworkOptions } from './network';
import { nodeOsCalls, type OsCalls } from './os-facts';
import { type CollectContext, type CollectorInstance, NoDataError } from './types';

export { config, defaultEnabled, name, options } from './network';
export const attributes = [
  {
    names: ['NET_RX_BPS', 'NET_TX_BPS'],
    unit: 'bytes/s',
    source: '`netstat -e` (the Bytes row; a probe of at most 5 s)',
    formula: 'Δbytes / Δt of the totals',
  },
];

/** How long netstat may take before the cycle goes without network rates. */
export const PROBE_TIMEOUT_MS = 5000;
const PROBE = 'netstat -e';

/**
 * [received, sent] bytes from `netstat -e`. The labels are translated on other languages of Windows, so
 * the row is found by its place: the first line with a number in it is the Bytes row and must end in
 * two counters. Undefined when it does not.
 */
export function parseNetstatE(text: string): [number, number] | undefined {
  const row = text.split(/\r?\n/).find((line) => /\d/.test(line));
  const m = row === undefined ? null : /\s(\d+)\s+(\d+)\s*$/.exec(row);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The first call primes and returns {}; a probe that cannot start is not tried again. */
export function create(ctx: CollectContext<NetworkOptions>, os: OsCalls = nodeOsCalls): CollectorInstance {
  const o = ctx.options ?? {};
  const patterns = (o.include ?? []).length > 0 || (o.exclude ?? DEFAULT_NETWORK_EXCLUDE).join() !== DEFAULT_NETWORK_EXCLUDE.join();
  if (patterns)
    ctx.log.info('network: include and exclude do not apply on Windows; NET_RX_BPS and NET_TX_BPS are the totals of netstat -e');
  let prev: { sample: NetSample; at: number } | undefined;
  let cannotStart: string | undefined;
  return {
    async collect() {
      if (cannotStart) throw new NoDataError(PROBE, cannotStart);
      const r = await os.interfaceStatistics(PROBE_TIMEOUT_MS);
      if (r.spawnError) {
        cannotStart = `cannot start: ${r.spawnError.message}`;
        throw new NoDataError(PROBE, cannotStart);
      }
      if (r.timedOut) throw new NoDataError(PROBE, `no answer within ${PROBE_TIMEOUT_MS} ms`);
      const totals = r.code === 0 ? parseNetstatE(r.stdout) : undefined;
      if (!totals) throw new NoDataError(PROBE, r.code === 0 ? 'no Bytes row' : `exit status ${r.code}`);
      const sample = { total: totals };
      const at = ctx.now();
      const metrics = prev ? computeNetwork(prev.sample, sample, at - prev.at, () => true) : {};
      prev = { sample, at };
      return metrics;
    },
  };
}
