// One run of a check, of whichever kind, bounded by its timeout: the connection is closed or the process
// group killed when it is over, so a hung service costs one timeout per interval and nothing between.
import { probeCommand } from './probe-command';
import { probeHttp } from './probe-http';
import { probeTcp } from './probe-tcp';
import type { HealthCheck, ProbeResult } from './types';

/** Runs `check` once. `signal` ends it early (shutdown); the result is then a failure nobody reads. */
export async function runProbe(check: HealthCheck, signal: AbortSignal): Promise<ProbeResult> {
  const { probe, timeoutMs } = check;
  if (probe.kind === 'command') return probeCommand(probe.argv, timeoutMs, signal);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  const onAbort = (): void => deadline.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  try {
    return probe.kind === 'http' ? await probeHttp(probe.url, deadline.signal) : await probeTcp(probe.host, probe.port, deadline.signal);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
