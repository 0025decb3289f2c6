// The READY unit: reports READY=YES in the background whenever the context asks for it (REPORT_READY=YES),
// again after a recontextualization or a reboot. Always started: the reporter itself records "off" when the
// context or ready.enabled says no, so `status` tells why nothing is reported. With health checks and
// health.gate_ready, READY=YES also waits until every check has passed (HEALTH OK) once; after READY, health
// never touches READY (OneFlow orders deployments by it), it moves HEALTH.
import type { OverallHealth } from '../../health/verdict';
import { createReadyReporter, type ReadyGate } from '../../ready/reporter';
import { readyOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';
import { onClient } from './shared';

export const ready: Unit = {
  name: 'ready',
  enabled: () => true,
  start: startReady,
};

/** Passed at the first OK health verdict; the health unit tells every verdict through onHealth. */
function healthGate(): ReadyGate & { seen(overall: OverallHealth): void } {
  let last: OverallHealth = { status: 'UNKNOWN', reason: '' };
  let passed = false;
  const waiters = new Set<() => void>();
  return {
    seen(overall) {
      last = overall;
      if (overall.status !== 'OK') return;
      passed = true;
      for (const wake of waiters) wake();
      waiters.clear();
    },
    waitsFor: () => (passed ? undefined : `health checks (HEALTH is ${last.status}${last.reason ? `: ${last.reason}` : ''})`),
    passed: (signal) =>
      new Promise<void>((resolve, reject) => {
        if (passed) return resolve();
        const abort = () => {
          waiters.delete(wake);
          reject(signal.reason);
        };
        const wake = () => {
          signal.removeEventListener('abort', abort);
          resolve();
        };
        if (signal.aborted) return abort();
        waiters.add(wake);
        signal.addEventListener('abort', abort, { once: true });
      }),
  };
}

function startReady(ctx: UnitContext): RunningUnit {
  const gate = healthGate();
  const gated = (): boolean => ctx.config.health.gate_ready && ctx.config.health.checks.length > 0;
  const reporters = onClient(
    ctx,
    (api) =>
      createReadyReporter({
        client: api,
        options: readyOptionsOf(ctx.config),
        state: ctx.state.ready,
        log: ctx.log,
        changed: ctx.persist,
        clock: ctx.clock,
        ...(gated() ? { gate } : {}),
      }),
    (old) => old.stop(),
  );

  function sync(): void {
    const reporter = reporters.current();
    if (reporter && ctx.context) reporter.update(ctx.context, ctx.bootId);
  }

  sync();
  return {
    refresh: sync,
    stop: () => reporters.current()?.stop(),
    onHealth: (overall) => gate.seen(overall),
    status: () => {
      const waitsFor = reporters.current()?.waitsFor();
      return waitsFor ? { readyWaitsFor: waitsFor } : {};
    },
  };
}
