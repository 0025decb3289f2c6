// The push unit: every `interval` (at the VM's phase) it gathers the attributes and pushes what changed;
// after a failed push it retries at the backoff time when that comes before the next cycle. Its ticker is
// also the daemon's heartbeat: without credentials a tick rediscovers the context, and with push.enabled
// false it still refreshes status.json, or `status` would call the daemon stuck.
import { createPusher, type Pusher } from '../../push/pusher';
import { noteSourceWarnings } from '../../push/source-warnings';
import { pushOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';
import { onClient, phasedTicker } from './shared';

export const push: Unit = {
  name: 'push',
  enabled: () => true,
  start: startPush,
};

function startPush(ctx: UnitContext): RunningUnit {
  delete ctx.state.push.sourceWarnings; // from before a restart: what is still wrong is named once again
  const pushers = onClient(ctx, (api) =>
    createPusher({ client: api, options: pushOptionsOf(ctx.config), state: ctx.state.push, log: ctx.log, now: ctx.clock.now }),
  );
  const ticker = phasedTicker(ctx, { intervalMs: (c) => c.interval * 1000, onTick: cycle });
  let retryTimer: unknown;
  let stopped = false;

  function sync(): void {
    pushers.current()?.reset(); // what a 403 turned off is tried again
    ticker.sync();
  }

  // `at`: the tick's nominal time; the heartbeat is the VM's slot of heartbeat_cycles on the epoch's grid,
  // so a fleet booted together does not send all its attributes in the same interval. A cycle not
  // scheduled by the ticker (no `at`) counts its cycles instead.
  async function cycle(at?: number): Promise<void> {
    if (stopped) return;
    if (!pushers.current()) await ctx.rediscover();
    const pusher = pushers.current();
    if (!pusher || stopped) return;
    if (!ctx.config.push.enabled) {
      ctx.persist();
      return;
    }
    try {
      const gathered = await ctx.gather();
      for (const problem of gathered.problems) ctx.log.debug(`push: skipped: ${problem}`);
      noteSourceWarnings(ctx.state.push, gathered.warnings, ctx.log);
      const every = ctx.config.push.heartbeat_cycles;
      const heartbeat = at === undefined || every <= 0 ? undefined : ticker.onSlot(at, every);
      await pusher.cycle(gathered.attributes, gathered.restricted, gathered.sources, heartbeat);
    } catch (err) {
      ctx.log.error(`push: cycle failed: ${(err as Error).message}`);
    }
    armRetry(pusher);
    ctx.persist();
  }

  function armRetry(pusher: Pusher): void {
    ctx.clock.clearTimeout(retryTimer);
    retryTimer = undefined;
    const at = ctx.state.push.retryAt;
    const waiting = Object.keys(ctx.state.push.pending).length + ctx.state.push.erasing.length;
    if (stopped || at === undefined || waiting === 0) return;
    if (ticker.next !== undefined && at >= ticker.next) return;
    retryTimer = ctx.clock.setTimeout(
      () => {
        void pusher.flush().then(() => {
          armRetry(pusher);
          ctx.persist();
        });
      },
      Math.max(0, at - ctx.clock.now()),
    );
  }

  sync();
  return {
    refresh: sync,
    cycle,
    stop() {
      stopped = true;
      ticker.stop();
      ctx.clock.clearTimeout(retryTimer);
    },
    idle: () => ticker.idle(),
    status: () => ({ nextRun: ticker.next }),
  };
}
