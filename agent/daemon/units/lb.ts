// The lb unit: keeps the one-apps VRouter's backend registrations (ONEGATE_LB<i>_*, ONEGATE_HAPROXY_LB<i>_*)
// in the user template as due (agent/lb/registration.ts): published while their condition holds, withdrawn
// (SERVER_HOST first) when HEALTH is no longer OK, when an entry leaves the configuration, and at drain.
// What the server holds is in the state, so a restart can still withdraw it. Before the first health verdict
// a registration that depends on health is left as it is: a daemon restart does not withdraw it.
import type { HealthStatus } from '../../health/types';
import { desiredLb, firstNicAddress, lbPrefix, planLb } from '../../lb/registration';
import { recordSuccess } from '../../state/feature';
import { lbEntriesOf } from '../options';
import type { DaemonApi, RunningUnit, Unit, UnitContext } from '../unit';

export const lb: Unit = {
  name: 'lb',
  enabled: (c) => c.lb.length > 0,
  start: startLb,
};

function startLb(ctx: UnitContext): RunningUnit {
  const lbState = ctx.state.lb;
  let health: HealthStatus = 'UNKNOWN';
  let withheld: string[] = [];
  let running: Promise<void> | undefined;
  let again = false;
  let draining = false;
  let retryTimer: unknown;

  /** What is due now: the registrations whose condition holds, and, before a verdict, the health-bound ones as they are. */
  function due(): Record<string, string> {
    if (draining) return {};
    const entries = lbEntriesOf(ctx.config);
    const desired = desiredLb(entries, health, firstNicAddress(ctx.context?.vars ?? {}));
    withheld = desired.withheld;
    if (health !== 'UNKNOWN') return desired.attributes;
    const waiting = entries.filter((e) => e.when === 'healthy').map((e) => `${lbPrefix(e)}_`);
    const kept = Object.entries(lbState.published).filter(([k]) => waiting.some((p) => k.startsWith(p)));
    return { ...Object.fromEntries(kept), ...desired.attributes };
  }

  async function apply(api: DaemonApi): Promise<void> {
    const plan = planLb(lbState.published, due());
    if (Object.keys(plan.set).length === 0 && plan.erase.length === 0) return;
    try {
      if (Object.keys(plan.set).length > 0) {
        await api.updateVm(plan.set);
        lbState.published = { ...lbState.published, ...plan.set };
      }
      for (const key of plan.erase) {
        await api.eraseVmAttribute(key);
        delete lbState.published[key];
      }
      recordSuccess(lbState, ctx.clock.now());
      const keys = Object.keys(lbState.published).length;
      ctx.log.info(
        `lb: ${plan.erase.length > 0 ? `withdrew ${plan.erase.length} attributes` : 'published'}; ${keys} attributes registered`,
      );
    } catch (err) {
      ctx.failed(lbState, 'lb', err, '; tried again after one interval');
      armRetry();
    }
    ctx.persist();
  }

  function armRetry(): void {
    if (draining || retryTimer !== undefined) return;
    retryTimer = ctx.clock.setTimeout(() => {
      retryTimer = undefined;
      reconcile();
    }, ctx.config.interval * 1000);
  }

  /** One reconciliation at a time; a change meanwhile runs one more after it. */
  function reconcile(): Promise<void> {
    const api = ctx.api;
    if (!api) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = apply(api).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void reconcile();
      }
    });
    return running;
  }

  void reconcile();
  return {
    refresh: () => void reconcile(),
    onHealth(overall) {
      health = overall.status;
      void reconcile();
    },
    async drain() {
      draining = true;
      ctx.clock.clearTimeout(retryTimer);
      await running;
      await reconcile();
    },
    stop: () => ctx.clock.clearTimeout(retryTimer),
    idle: async () => {
      while (running) await running;
    },
    status: () => (withheld.length > 0 ? { lbWithheld: withheld } : {}),
  };
}
