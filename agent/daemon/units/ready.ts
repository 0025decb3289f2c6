// The READY unit: reports READY=YES in the background whenever the context asks for it (REPORT_READY=YES),
// again after a recontextualization or a reboot. Always started: the reporter itself records "off" when the
// context or ready.enabled says no, so `status` tells why nothing is reported.
import { createReadyReporter } from '../../ready/reporter';
import { readyOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';
import { onClient } from './shared';

export const ready: Unit = {
  name: 'ready',
  enabled: () => true,
  start: startReady,
};

function startReady(ctx: UnitContext): RunningUnit {
  const reporters = onClient(
    ctx,
    (api) =>
      createReadyReporter({
        client: api,
        options: readyOptionsOf(ctx.config),
        state: ctx.state.ready,
        log: ctx.log,
        changed: ctx.persist,
        now: ctx.clock.now,
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
  };
}
