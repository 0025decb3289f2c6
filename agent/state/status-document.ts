// The shape of status.json, shared by the writer (status.ts), its checker (status-check.ts) and the readers.
import type { FeatureState, ReadyStatus } from './types';

/** The published status of a running (or last run) daemon. */
export interface StatusDocument {
  /** The daemon's process id: `status` checks it is still alive. */
  pid: number;
  /** onegate-agent version. */
  version: string;
  /** ISO start time. */
  startedAt: string;
  /** ISO time of this write. */
  updatedAt: string;
  /** ISO time of a clean stop (SIGTERM). */
  stoppedAt?: string;
  /** The configuration file, or null when defaults apply. */
  configFile: string | null;
  /** Context overrides in force, e.g. "interval=30 (ONEGATE_AGENT_INTERVAL)". */
  overrides: string[];
  /** Seconds between cycles. */
  interval: number;
  /** Endpoint, VMID and where each credential came from (never the token). */
  credentials: { endpoint?: string; vmid?: string; source?: string; endpointFrom?: string; vmidFrom?: string; tokenFrom?: string };
  /** ISO time of the next push cycle and pull. */
  nextRun?: string;
  nextPull?: string;
  /**
   * `refused`: attributes OneGate refuses (name -> why), left out until the configuration changes;
   * `erasing`: attributes whose source vanished, still to be erased; `sourceWarnings`: attribute sources in
   * trouble (source -> why: a command that fails, an ignored file, bad lines).
   */
  push: FeatureState & {
    enabled: boolean;
    pending: string[];
    erasing?: string[];
    retryAt?: string;
    refused?: Record<string, string>;
    sourceWarnings?: Record<string, string>;
  };
  pull: FeatureState & { enabled: boolean };
  ready: FeatureState & { status: ReadyStatus; reportedAt?: string; attempts: number; retryAt?: string; waitsFor?: string };
  /** Present when health checks are configured. */
  health?: HealthView;
  /** Present when load-balancer registrations are configured: the names published, and why others are not. */
  lb?: FeatureState & { published: string[]; withheld: string[] };
  context: FeatureState;
  /** The daemon's own footprint when it wrote this. */
  process: { rssBytes: number; cpuUserMs: number; cpuSystemMs: number };
}

/** The health checks as status shows them; the publish is a feature like push (lastSuccess, lastError). */
export interface HealthView extends FeatureState {
  /** The VM's health now. */
  status: 'OK' | 'FAIL' | 'UNKNOWN';
  /** "<check>: <reason>" while FAIL. */
  reason?: string;
  /** HEALTH as the server last accepted it from this daemon. */
  published?: string;
  checks: Array<{ name: string; status: 'OK' | 'FAIL' | 'UNKNOWN'; misses: number; lastRun?: string }>;
}
