// The units of one configuration: a OneGate client behind the one-request lock, the push, the pull with
// its hooks, READY reporting and the collectors. Rebuilt on SIGHUP; the state objects they change in
// place outlive them, so a reload loses no pending attribute.

import type { AgentConfig } from '../config/schema';
import { resolveCredentials } from '../context/discover';
import type { DiscoverOptions } from '../context/types';
import { createHookRunner } from '../hooks/run-hooks';
import type { Logger } from '../log';
import { type ActiveCollector, collectors, createCollectors, monotonicMs } from '../metrics';
import { OneGateClient } from '../onegate/client';
import type { Credentials } from '../onegate/types';
import { createPuller, type PullClient, type Puller } from '../pull/puller';
import { createPusher, type Pusher } from '../push/pusher';
import { createReadyReporter, type ReadyReporter } from '../ready/reporter';
import type { SerialLock } from '../schedule/serial';
import type { AgentState } from '../state/types';
import {
  clientOptionsOf,
  discoverOptionsOf,
  hooksOptionsOf,
  metricsOptionsOf,
  pullerOptionsOf,
  pushOptionsOf,
  readyOptionsOf,
} from './options';

/** What the units share with the daemon. */
export interface UnitDeps {
  config: AgentConfig;
  credentials: Credentials;
  state: AgentState;
  log: Logger;
  lock: SerialLock;
  /** Aborts requests, hooks and scripts at shutdown. */
  signal: AbortSignal;
  /** --context-dir / --context-file. */
  flags: { contextDir?: string; contextFile?: string };
  /** Root of /proc and /sys for the collectors. */
  procRoot: string;
  sysRoot: string;
  /** Saves state and status after a change made outside a cycle (ready). */
  changed: () => void;
}

/** One configuration's units. */
export interface Units {
  client: OneGateClient;
  /** The client calls, each through the one-request lock. */
  api: PullClient & { updateVm(attributes: Record<string, string>): Promise<void> };
  pusher: Pusher;
  puller: Puller;
  ready: ReadyReporter;
  collectors: ActiveCollector[];
  discover: DiscoverOptions;
}

export function buildUnits(deps: UnitDeps): Units {
  const { config, state, log, lock } = deps;
  const discover = discoverOptionsOf(config, deps.flags);
  const client = new OneGateClient({
    credentials: deps.credentials,
    // On a 401: read the token again (token.txt, one_env, ONEGATE_TOKEN, the CONTEXT media), retry once.
    refreshCredentials: () => resolveCredentials(discover),
    ...clientOptionsOf(config),
    log,
    signal: deps.signal,
  });
  const api: Units['api'] = {
    getVm: () => lock.run(() => client.getVm()),
    getService: (o) => lock.run(() => client.getService(o)),
    getVrouter: (o) => lock.run(() => client.getVrouter(o)),
    getVnet: (id, o) => lock.run(() => client.getVnet(id, o)),
    updateVm: (attributes) => lock.run(() => client.updateVm(attributes)),
  };
  const pusher = createPusher({ client: api, options: pushOptionsOf(config), state: state.push, log });
  const runHook = createHookRunner({ options: hooksOptionsOf(config), log, signal: deps.signal });
  const puller = createPuller({
    client: api,
    options: pullerOptionsOf(config),
    runDir: config.run_dir,
    log,
    runHook,
    isOwnAttribute: (name) => name === 'READY' || pusher.owns(name),
  });
  const ready = createReadyReporter({ client: api, options: readyOptionsOf(config), state: state.ready, log, changed: deps.changed });
  const active = createCollectors(collectors, {
    procRoot: deps.procRoot,
    sysRoot: deps.sysRoot,
    log,
    now: monotonicMs,
    options: metricsOptionsOf(config),
  });
  return { client, api, pusher, puller, ready, collectors: active, discover };
}
