// The push unit: every `interval` (at the VM's phase) it gathers the attributes and pushes what changed;
// after a failed push it retries at the backoff time when that comes before the next cycle. Its ticker is
// also the daemon's heartbeat: without credentials a tick rediscovers the context, and with push.enabled
// false it still refreshes status.json, or `status` would call the daemon stuck.
import { hostname } from 'node:os';
import { createPusher, type Pusher } from '../../push/pusher';
import { createTicker, type Ticker } from '../../schedule/ticker';
import { pushOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';

export const push: Unit = {
  name: 'push',
  enabled: () => true,
  start: startPush,
};

function startPush(ctx: UnitContext): RunningUnit {
  let ticker: Ticker | undefined;
  let plan = '';
  let pusher: Pusher | undefined;
  let generation = -1;
  let retryTimer: unknown;
  let stopped = false;

  function sync(): void {
    if (!ctx.api) pusher = undefined;
    else {
      if (generation !== ctx.generation || !pusher) {
        pusher = createPusher({
          client: ctx.api,
          options: pushOptionsOf(ctx.config),
          state: ctx.state.push,
          log: ctx.log,
          now: ctx.clock.now,
        });
        generation = ctx.generation;
      }
      pusher.reset(); // what a 403 turned off is tried again
    }
    // Without a VMID yet the host name keys the phase, so agents waiting for their context still spread out.
    const key = ctx.context?.vmid ?? hostname();
    const next = `${ctx.config.interval}/${ctx.config.jitter}/${key}`;
    if (next === plan) return;
    ticker?.stop();
    ticker = createTicker({
      intervalMs: ctx.config.interval * 1000,
      phaseKey: key,
      jitter: ctx.config.jitter,
      onTick: cycle,
      clock: ctx.clock,
      log: ctx.log,
    });
    ticker.start();
    plan = next;
  }

  async function cycle(): Promise<void> {
    if (stopped) return;
    if (!pusher) {
      await ctx.rediscover();
      if (!pusher || stopped) return;
    }
    const p = pusher;
    if (!ctx.config.push.enabled) {
      ctx.persist();
      return;
    }
    try {
      const gathered = await ctx.gather();
      for (const problem of gathered.problems) ctx.log.debug(`push: skipped: ${problem}`);
      await p.cycle(gathered.attributes);
    } catch (err) {
      ctx.log.error(`push: cycle failed: ${(err as Error).message}`);
    }
    armRetry(p);
    ctx.persist();
  }

  function armRetry(p: Pusher): void {
    ctx.clock.clearTimeout(retryTimer);
    retryTimer = undefined;
    const at = ctx.state.push.retryAt;
    if (stopped || at === undefined || Object.keys(ctx.state.push.pending).length === 0) return;
    if (ticker?.next !== undefined && at >= ticker.next) return;
    retryTimer = ctx.clock.setTimeout(
      () => {
        void p.flush().then(() => {
          armRetry(p);
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
      ticker?.stop();
      ctx.clock.clearTimeout(retryTimer);
    },
    idle: async () => ticker?.idle(),
    status: () => ({ nextRun: ticker?.next }),
  };
}
