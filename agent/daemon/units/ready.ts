// The READY unit: reports READY=YES in the background whenever the context asks for it (REPORT_READY=YES),
// again after a recontextualization or a reboot. Always started: the reporter itself records "off" when the
// context or ready.enabled says no, so `status` tells why nothing is reported.
import { createReadyReporter, type ReadyReporter } from '../../ready/reporter';
import { readyOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';

export const ready: Unit = {
  name: 'ready',
  enabled: () => true,
  start: startReady,
};

function startReady(ctx: UnitContext): RunningUnit {
  let reporter: ReadyReporter | undefined;
  let generation = -1;

  function sync(): void {
    if (!ctx.api || !ctx.context) {
      reporter?.stop();
      reporter = undefined;
      return;
    }
    if (generation !== ctx.generation || !reporter) {
      reporter?.stop();
      reporter = createReadyReporter({
        client: ctx.api,
        options: readyOptionsOf(ctx.config),
        state: ctx.state.ready,
        log: ctx.log,
        changed: ctx.persist,
        now: ctx.clock.now,
      });
      generation = ctx.generation;
    }
    reporter.update(ctx.context, ctx.bootId);
  }

  sync();
  return {
    refresh: sync,
    stop: () => reporter?.stop(),
  };
}
