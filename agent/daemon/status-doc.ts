// Builds the status document from the daemon's state; kept apart so the daemon only decides when to write.
import type { AgentConfig } from '../config/schema';
import type { ResolvedContext } from '../context/types';
import type { StatusDocument } from '../state/status-document';
import type { AgentState } from '../state/types';
import { VERSION } from '../version';

/** Everything the status shows besides the persistent state. */
export interface StatusInputs {
  config: AgentConfig;
  configFile?: string;
  overrides: string[];
  context?: ResolvedContext;
  state: AgentState;
  startedAt: number;
  nextRun?: number;
  nextPull?: number;
  health?: StatusDocument['health'];
  readyWaitsFor?: string;
  lbWithheld?: string[];
  stoppedAt?: number;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The status without the process footprint, which costs two system calls and is added only when written. */
export function buildStatus(i: StatusInputs, now: number): Omit<StatusDocument, 'process'> {
  const { push, pull, ready, context } = i.state;
  const { pending: _p, sent: _s, cycle: _c, owners: _o, erasing, retryAt, ...pushFeature } = push;
  const { published: lbPublished, ...lbFeature } = i.state.lb;
  const { retryAt: readyRetry, bootId: _b, fingerprint: _f, ...readyFeature } = ready;
  return {
    pid: process.pid,
    version: VERSION,
    startedAt: new Date(i.startedAt).toISOString(),
    updatedAt: new Date(now).toISOString(),
    ...(i.stoppedAt ? { stoppedAt: iso(i.stoppedAt) } : {}),
    configFile: i.configFile ?? null,
    overrides: i.overrides,
    interval: i.config.interval,
    credentials: {
      endpoint: i.context?.endpoint,
      vmid: i.context?.vmid,
      source: i.context?.source,
      endpointFrom: i.context?.sources.endpoint,
      vmidFrom: i.context?.sources.vmid,
      tokenFrom: i.context?.sources.token,
    },
    nextRun: iso(i.nextRun),
    nextPull: iso(i.nextPull),
    push: {
      ...pushFeature,
      enabled: i.config.push.enabled,
      pending: Object.keys(push.pending).sort(),
      ...(erasing.length > 0 ? { erasing: [...erasing].sort() } : {}),
      retryAt: iso(retryAt),
    },
    pull: { ...pull, enabled: i.config.pull.enabled },
    ready: { ...readyFeature, retryAt: iso(readyRetry), ...(i.readyWaitsFor ? { waitsFor: i.readyWaitsFor } : {}) },
    ...(i.health ? { health: i.health } : {}),
    ...(i.config.lb.length > 0 ? { lb: { ...lbFeature, published: Object.keys(lbPublished).sort(), withheld: i.lbWithheld ?? [] } } : {}),
    context: { ...context },
  };
}

/** The daemon's own footprint, as the status shows it. */
export function processFootprint(): StatusDocument['process'] {
  const usage = process.cpuUsage();
  return { rssBytes: process.memoryUsage.rss(), cpuUserMs: Math.round(usage.user / 1000), cpuSystemMs: Math.round(usage.system / 1000) };
}
