// The health unit: runs the configured checks (agent/health/monitor.ts) and publishes the VM's HEALTH and,
// while FAIL, HEALTH_REASON. A change is pushed at once, but never more than once per the shortest check
// interval (a flapping check costs one request per interval); a failed push is tried again after that
// interval. Checks run outside the one-request lock, so a hung check never delays a push.
import { createHealthMonitor, type HealthMonitor, type HealthSnapshot } from '../../health/monitor';
import { type OverallHealth, storableReason } from '../../health/verdict';
import { recordSuccess } from '../../state/feature';
import type { FeatureState } from '../../state/types';
import { healthChecksOf } from '../options';
import type { HealthView, RunningUnit, Unit, UnitContext } from '../unit';

export const health: Unit = {
  name: 'health',
  enabled: (c) => c.health.checks.length > 0,
  start: startHealth,
};

/** The attributes that say `overall`: HEALTH, and HEALTH_REASON only while FAIL. */
export function healthAttributes(overall: OverallHealth): { HEALTH: string; HEALTH_REASON?: string } {
  return overall.status === 'FAIL' ? { HEALTH: 'FAIL', HEALTH_REASON: storableReason(overall.reason) } : { HEALTH: overall.status };
}

function startHealth(ctx: UnitContext): RunningUnit {
  const feature: FeatureState = {};
  let plan = '';
  let monitor: HealthMonitor | undefined;
  let latest: HealthSnapshot | undefined;
  /** What the server holds from this daemon: HEALTH and HEALTH_REASON as last accepted. */
  let published: { HEALTH?: string; HEALTH_REASON?: string } = {};
  let lastPushAt = Number.NEGATIVE_INFINITY;
  let timer: unknown;
  let publishing: Promise<void> | undefined;
  let stopped = false;

  const spacingMs = (): number => Math.min(...healthChecksOf(ctx.config).map((c) => c.intervalMs));

  function sync(): void {
    const next = JSON.stringify(ctx.config.health.checks);
    if (next !== plan) {
      void monitor?.stop();
      monitor = createHealthMonitor({
        checks: healthChecksOf(ctx.config),
        clock: ctx.clock,
        log: ctx.log,
        onChange(snapshot) {
          latest = snapshot;
          ctx.healthChanged(snapshot.overall);
          due();
        },
      });
      latest = monitor.snapshot();
      monitor.start();
      plan = next;
    }
    due(); // credentials may have arrived
  }

  /** Publishes now when the spacing allows, else arms one timer for when it does. */
  function due(): void {
    if (stopped || timer !== undefined || publishing) return;
    const wait = lastPushAt + spacingMs() - ctx.clock.now();
    if (wait <= 0) {
      void publish();
      return;
    }
    timer = ctx.clock.setTimeout(() => {
      timer = undefined;
      void publish();
    }, wait);
  }

  async function publish(): Promise<void> {
    const api = ctx.api;
    if (!api || !latest || latest.overall.status === 'UNKNOWN') return; // UNKNOWN is only ever our own start
    const want = healthAttributes(latest.overall);
    if (want.HEALTH === published.HEALTH && want.HEALTH_REASON === published.HEALTH_REASON) return;
    lastPushAt = ctx.clock.now();
    const run = (async () => {
      try {
        const set: Record<string, string> = {};
        if (want.HEALTH !== published.HEALTH) set.HEALTH = want.HEALTH;
        if (want.HEALTH_REASON !== undefined && want.HEALTH_REASON !== published.HEALTH_REASON) set.HEALTH_REASON = want.HEALTH_REASON;
        if (Object.keys(set).length > 0) await api.updateVm(set);
        published = { ...published, ...set };
        if (want.HEALTH_REASON === undefined && published.HEALTH_REASON !== undefined) {
          await api.eraseVmAttribute('HEALTH_REASON');
          delete published.HEALTH_REASON;
        }
        recordSuccess(feature, ctx.clock.now());
        ctx.log.info(`health: published HEALTH=${want.HEALTH}${want.HEALTH_REASON ? ` (${want.HEALTH_REASON})` : ''}`);
      } catch (err) {
        ctx.failed(feature, 'health: publish', err, '; tried again after the check interval');
      }
    })();
    publishing = run;
    await run;
    publishing = undefined;
    ctx.persist();
    due(); // a change that came meanwhile, or the retry of a failure
  }

  sync();
  return {
    refresh: sync,
    stop() {
      stopped = true;
      ctx.clock.clearTimeout(timer);
      void monitor?.stop();
    },
    async idle() {
      await monitor?.idle();
      await publishing;
    },
    status(): { health: HealthView } {
      const snapshot = monitor?.snapshot() ?? { overall: { status: 'UNKNOWN', reason: '' }, checks: [] };
      return {
        health: {
          ...feature,
          status: snapshot.overall.status,
          ...(snapshot.overall.reason ? { reason: snapshot.overall.reason } : {}),
          ...(published.HEALTH ? { published: published.HEALTH } : {}),
          checks: snapshot.checks.map((c) => ({
            name: c.name,
            status: c.verdict.status,
            misses: c.verdict.misses,
            ...(c.lastRun !== undefined ? { lastRun: new Date(c.lastRun).toISOString() } : {}),
          })),
        },
      };
    },
  };
}
