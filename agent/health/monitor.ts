// Runs every check on its own schedule: a run starts, ends within its timeout, and the next starts one
// interval after the previous start (at once if a run took longer). Between runs nothing is open or
// running. The clock is injected so tests drive the schedule with fake timers.
import type { Logger } from '../log';
import type { Clock } from '../schedule/clock';
import { runProbe } from './probe';
import type { CheckVerdict, HealthCheck, ProbeResult } from './types';
import { initialVerdict, nextVerdict, type OverallHealth, overallHealth } from './verdict';

/** One check as status shows it. */
export interface CheckState {
  name: string;
  verdict: CheckVerdict;
  /** Epoch ms the last run ended; absent before the first. */
  lastRun?: number;
}

/** Everything the monitor knows. */
export interface HealthSnapshot {
  overall: OverallHealth;
  checks: CheckState[];
}

/** What createHealthMonitor needs. */
export interface HealthMonitorDeps {
  checks: HealthCheck[];
  clock: Clock;
  log: Logger;
  /** Called after a run that changed a check's verdict or the overall reason. */
  onChange(snapshot: HealthSnapshot): void;
  /** One run of a check; default runProbe. */
  probe?: (check: HealthCheck, signal: AbortSignal) => Promise<ProbeResult>;
}

/** The running checks. */
export interface HealthMonitor {
  /** Starts every check now. */
  start(): void;
  /** Ends running probes and timers; resolves when no run is left. */
  stop(): Promise<void>;
  snapshot(): HealthSnapshot;
  /** Resolves when no run is in flight (each is bounded by its timeout). */
  idle(): Promise<void>;
}

export function createHealthMonitor(deps: HealthMonitorDeps): HealthMonitor {
  const { clock, log } = deps;
  const probe = deps.probe ?? runProbe;
  const abort = new AbortController();
  const states: CheckState[] = deps.checks.map((c) => ({ name: c.name, verdict: initialVerdict() }));
  const timers = new Set<unknown>();
  const running = new Set<Promise<void>>();

  const snapshot = (): HealthSnapshot => ({
    overall: overallHealth(states),
    checks: states.map((s) => ({ ...s, verdict: { ...s.verdict } })),
  });

  async function runOnce(check: HealthCheck, state: CheckState): Promise<void> {
    const started = clock.now();
    const before = overallHealth(states);
    const result = await probe(check, abort.signal);
    if (abort.signal.aborted) return;
    const previous = state.verdict;
    state.verdict = nextVerdict(previous, result, check);
    state.lastRun = clock.now();
    if (state.verdict.status !== previous.status) {
      const why = state.verdict.status === 'FAIL' ? `: ${state.verdict.reason}` : '';
      log.info(`health: check ${check.name} is ${state.verdict.status}${why}`);
    } else if (!result.ok) log.debug(`health: check ${check.name} failed (${state.verdict.misses} in a row): ${result.reason}`);
    const after = overallHealth(states);
    if (state.verdict.status !== previous.status || after.reason !== before.reason) deps.onChange(snapshot());
    schedule(check, state, Math.max(0, started + check.intervalMs - clock.now()));
  }

  function schedule(check: HealthCheck, state: CheckState, delayMs: number): void {
    if (abort.signal.aborted) return;
    const timer = clock.setTimeout(() => {
      timers.delete(timer);
      const run = runOnce(check, state).catch((err) => log.error(`health: check ${check.name}: ${(err as Error).message}`));
      running.add(run);
      void run.finally(() => running.delete(run));
    }, delayMs);
    timers.add(timer);
  }

  return {
    start() {
      deps.checks.forEach((check, i) => {
        schedule(check, states[i], 0);
      });
    },
    async stop() {
      abort.abort(new Error('the agent is stopping'));
      for (const t of timers) clock.clearTimeout(t);
      timers.clear();
      await Promise.all([...running]);
    },
    snapshot,
    idle: async () => {
      await Promise.all([...running]);
    },
  };
}
