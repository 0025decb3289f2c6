// Units started through the real wiring, against the simulator over real HTTP, on a fake clock: a test moves
// time itself and waits for the units' work (not for wall-clock time) before it asserts.
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { type AgentConfig, defaultConfig } from '../../../../agent/config/schema';
import type { ResolvedContext } from '../../../../agent/context/types';
import type { Unit } from '../../../../agent/daemon/unit';
import { type Wiring, wire } from '../../../../agent/daemon/wire';
import { type Logger, silentLogger } from '../../../../agent/log';
import { type AgentState, emptyState } from '../../../../agent/state/types';
import { type Simulator, startOneGate } from '../../../simulator/index';
import { type FakeClock, fakeClock } from '../../../support/fake-clock';
import { tempDir } from '../../../support/temp-dir';

/** A wiring of some units with everything it was given. */
export interface UnitsUnderTest {
  sim: Simulator;
  clock: FakeClock;
  state: AgentState;
  wiring: Wiring;
  config: AgentConfig;
  /** The context of VM 42 at the simulator. */
  context: ResolvedContext;
  /** Times rediscover() and persist() were called. */
  calls: { rediscover: number; persist: number };
  /** Applies the configuration (with changes) and VM 42's context; credentials: false applies none. */
  apply(change?: (c: AgentConfig) => void, options?: { credentials?: boolean; reason?: 'context' | 'reload' }): void;
  /** Advances the clock to `at` and waits until the units are idle again. */
  runUntil(at: number): Promise<void>;
}

/** What else a test may set: the simulator's onegate-server.conf (an object, as startOneGate takes), its control API, the daemon's logger. */
export interface UnitsOptions {
  simConfig?: object;
  control?: boolean;
  log?: Logger;
}

/** startUnits on a simulator imitating `serverVersion`, for a describe.each over SERVER_VERSIONS. */
export function unitsOn(
  serverVersion: string,
): (units: readonly Unit[], change?: (c: AgentConfig) => void, options?: UnitsOptions) => Promise<UnitsUnderTest> {
  return (units, change, options) => startUnits(units, change, serverVersion, options);
}

/** Closed when the test ends. interval 60 s, no jitter, no collectors, one static attribute, run_dir and state_dir in a temp dir. */
export async function startUnits(
  units: readonly Unit[],
  change?: (c: AgentConfig) => void,
  serverVersion?: string,
  options: UnitsOptions = {},
): Promise<UnitsUnderTest> {
  const sim = await startOneGate({ serverVersion, config: options.simConfig, control: options.control });
  const clock = fakeClock();
  const state = emptyState();
  const calls = { rediscover: 0, persist: 0 };
  const dir = tempDir('oga-units-');
  const config = defaultConfig();
  Object.assign(config, { interval: 60, jitter: 0, state_dir: join(dir, 'state'), run_dir: join(dir, 'run') });
  for (const m of Object.values(config.metrics)) m.enabled = false;
  config.attributes = { ...config.attributes, directory: '', static: { ROLE: 'db' } };
  config.hooks = { ...config.hooks, directory: '' };
  config.backoff = { base: 1, factor: 2, max: 4 };
  change?.(config);
  const credentials = sim.credentials(42);
  const context: ResolvedContext = {
    ...credentials,
    source: 'directory',
    sources: {},
    vars: { ONEGATE_ENDPOINT: credentials.endpoint, VMID: '42' },
    fingerprint: 'f',
  };
  onTestFinished(async () => {
    wiring.halt();
    wiring.close();
    await sim.close();
  });
  const wiring = wire({
    units,
    log: options.log ?? silentLogger,
    state,
    clock,
    persist: () => calls.persist++,
    rediscover: async () => {
      calls.rediscover++;
    },
  });
  return {
    sim,
    clock,
    state,
    wiring,
    config,
    context,
    calls,
    apply(more, options = {}) {
      more?.(config);
      wiring.apply(structuredClone(config), context, options.credentials === false ? undefined : credentials, options.reason ?? 'context');
    },
    async runUntil(at) {
      await clock.advance(at - clock.now());
      await wiring.idle();
      await wiring.requestsDone();
      await clock.advance(0); // timers the finished work armed at this very time
    },
  };
}

/** The KEY=VALUE attributes of every PUT /vm the simulator answered, in order. */
export function putsOf(sim: Simulator): Record<string, string>[] {
  return sim.requests
    .filter((r) => r.method === 'PUT' && r.path === '/vm')
    .map((r) => Object.fromEntries((new URLSearchParams(String(r.body)).get('data') ?? '').split('\n').map((l) => l.split('=', 2))));
}
