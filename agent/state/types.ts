// What the daemon remembers across restarts (state.json under state_dir) and what it publishes for
// `onegate-agent status` (status.json under run_dir). Neither ever holds the token.

/** The last failure of a feature. */
export interface ErrorRecord {
  /** Stable code, e.g. ONEGATE_SERVER_ERROR or READY_SCRIPT_FAILED. */
  code: string;
  /** One line for humans. */
  message: string;
  /** ISO time of the first failure of this kind in a row. */
  since: string;
  /** Failures in a row. */
  count: number;
  /** Epoch ms this failure was last logged: an identical failure is logged at most once per interval. */
  loggedAt: number;
}

/** Health of one feature (push, pull, ready, context). */
export interface FeatureState {
  /** ISO time of the last success. */
  lastSuccess?: string;
  /** ISO time of the last attempt. */
  lastAttempt?: string;
  /** The current failure; cleared by the next success. */
  lastError?: ErrorRecord;
  /** Why the feature is off (a 403, or the configuration); absent while on. */
  disabled?: string;
}

/** The push feature and its spool. */
export interface PushState extends FeatureState {
  /** Attributes not yet accepted by the server (latest value per key). */
  pending: Record<string, string>;
  /** What the server last accepted per key: the base of the change detection. */
  sent: Record<string, string>;
  /** Cycles run, for the heartbeat. */
  cycle: number;
  /** Epoch ms before which no retry is made (backoff); absent when not backing off. */
  retryAt?: number;
  /** Attributes not sent because OneGate refuses them (name -> why), until the configuration changes. */
  refused?: Record<string, string>;
  /** Attribute sources in trouble this cycle (source -> why), each logged once per reason (agent/push/source-warnings.ts). */
  sourceWarnings?: Record<string, string>;
  /** Every attribute the push gathered -> its source (agent/state/owned.ts): what may be erased when the source goes. */
  owners: Record<string, string>;
  /** Attributes whose source vanished, to be erased (one PUT /vm type=2 each); kept until the server took each. */
  erasing: string[];
}

/** off: REPORT_READY is not YES (or ready.enabled is false); pending: not tried yet; reported: done for this context and boot. */
export type ReadyStatus = 'off' | 'pending' | 'running' | 'failing' | 'reported';

/** READY reporting. */
export interface ReadyState extends FeatureState {
  /** Where reporting stands. */
  status: ReadyStatus;
  /** ISO time READY=YES was accepted. */
  reportedAt?: string;
  /** /proc/sys/kernel/random/boot_id when it was reported: a different one means a reboot. */
  bootId?: string;
  /** Context fingerprint when it was reported: a different one means a recontextualization. */
  fingerprint?: string;
  /** Attempts since the last success. */
  attempts: number;
  /** Epoch ms of the next attempt while failing. */
  retryAt?: number;
}

/** Load-balancer registrations (the lb unit). */
export interface LbState extends FeatureState {
  /** ONEGATE_*LB<i>_* attributes the server accepted from the agent and holds: what a withdrawal erases, after a restart too. */
  published: Record<string, string>;
}

/** The whole persistent state. */
export interface AgentState {
  /** Format version of state.json. */
  version: 1;
  push: PushState;
  ready: ReadyState;
  pull: FeatureState;
  context: FeatureState;
  lb: LbState;
}

/** A fresh state. */
export function emptyState(): AgentState {
  return {
    version: 1,
    push: { pending: {}, sent: {}, cycle: 0, owners: {}, erasing: [] },
    ready: { status: 'pending', attempts: 0 },
    pull: {},
    context: {},
    lb: { published: {} },
  };
}
