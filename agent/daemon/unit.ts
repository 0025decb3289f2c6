// The contract of a daemon unit (telegraf's agent: units with a start/stop contract, one place that wires
// them). A unit is one file under units/ that owns its state and its timers; it sees the rest of the daemon
// only through the UnitContext the wiring (wire.ts) gives it, so it can be started alone in a test with a
// fake clock and a fake api.
import type { AgentConfig } from '../config/schema';
import type { ResolvedContext } from '../context/types';
import type { OverallHealth } from '../health/verdict';
import type { HookInvocation } from '../hooks/types';
import type { Logger } from '../log';
import type { PullClient } from '../pull/table';
import type { Clock } from '../schedule/clock';
import type { HealthView } from '../state/status-document';
import type { AgentState, FeatureState } from '../state/types';
import type { Gathered } from './gather';

/** The OneGate calls of the units, each through the one-request lock (push, pull and READY share it). */
export interface DaemonApi extends PullClient {
  updateVm(attributes: Record<string, string>): Promise<void>;
  /** Erases one attribute this agent set; one that is already gone counts as erased. */
  eraseVmAttribute(key: string): Promise<void>;
}

/** Why units are refreshed: a new context (found by the watcher or a push cycle), or a SIGHUP. */
export type RefreshReason = 'context' | 'reload';

/** What a unit contributes to status.json. */
export interface UnitStatus {
  /** Epoch ms of the next push cycle. */
  nextRun?: number;
  /** Epoch ms of the next pull. */
  nextPull?: number;
  /** The health checks and what was published (the health unit). */
  health?: HealthView;
  /** What READY=YES still waits for (the ready unit, with health.gate_ready). */
  readyWaitsFor?: string;
  /** Why registrations are not published (the lb unit). */
  lbWithheld?: string[];
}

export type { HealthView };

/** Records a failure of a feature and logs "LABEL: message[hint]" at error level, rate-limited. */
export type ReportFailure = (feature: FeatureState, label: string, err: unknown, hint?: string) => void;

/** Everything a unit may use; the wiring replaces config, context and api in place as they change. */
export interface UnitContext {
  /** The effective configuration: the file with the context overrides applied. */
  readonly config: AgentConfig;
  /** The context in use; undefined until one was discovered. */
  readonly context: ResolvedContext | undefined;
  /** OneGate, once the context has credentials; undefined before. */
  readonly api: DaemonApi | undefined;
  /** Changes whenever a new client (session) was opened: what a unit built on the old one is rebuilt. */
  readonly generation: number;
  /** The persistent state, changed in place; it outlives every unit (a reload loses no pending attribute). */
  readonly state: AgentState;
  /** --context-dir / --context-file of the command line. */
  readonly flags: { contextDir?: string; contextFile?: string };
  /** /proc/sys/kernel/random/boot_id at start ("" where unreadable). */
  readonly bootId: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Aborted at shutdown: requests, hooks and scripts end. */
  readonly signal: AbortSignal;
  /** Saves state and status (state.json only when what a restart needs changed). */
  persist(): void;
  /** The one failure-recording helper. */
  failed: ReportFailure;
  /** One cycle's attributes: every collector of this configuration and the custom attributes. */
  gather(): Promise<Gathered>;
  /** Discovers the context again and applies it (a push tick without credentials retries this way). */
  rediscover(): Promise<void>;
  /** A changed context was found (the watcher): applied at once. */
  contextChanged(context: ResolvedContext): void;
  /** A pulled document changed: every running unit's onDocument sees it, in list order (hooks run). */
  documentChanged(change: HookInvocation): Promise<void>;
  /** The VM's health changed (the health unit): every running unit's onHealth sees it. */
  healthChanged(overall: OverallHealth): void;
}

/** A started unit. */
export interface RunningUnit {
  /** Cancels its timers; work in flight is not interrupted (the shutdown aborts requests separately). */
  stop(): void;
  /** The configuration, the context or the credentials changed. */
  refresh?(reason: RefreshReason): void;
  /** Runs the unit's periodic work once, now. */
  cycle?(): Promise<void>;
  /** Resolves when the unit's work in flight has finished. */
  idle?(): Promise<void>;
  /** Its fields of status.json. */
  status?(): UnitStatus;
  /** Acts on a changed pulled document (the hooks unit runs the hooks of its event). */
  onDocument?(change: HookInvocation): Promise<void>;
  /** Acts on a new health verdict (the ready unit's gate, the lb unit's withdrawal). */
  onHealth?(overall: OverallHealth): void;
  /** The system is going down: withdraw what the unit published (the drain); resolves when done or given up. */
  drain?(): Promise<void>;
}

/** A unit: one file under agent/daemon/units/, listed once in units/index.ts. */
export interface Unit {
  /** Its name, as in logs. */
  name: string;
  /** Whether the configuration wants it; checked at every refresh (a unit turned off is stopped). */
  enabled(config: AgentConfig): boolean;
  /** Starts it for the current context. */
  start(ctx: UnitContext): RunningUnit;
}
