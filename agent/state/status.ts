// status.json under run_dir: what `onegate-agent status` shows, rewritten atomically after every
// cycle and event. World-readable (0644): it names no secret, only where the credentials came from.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileSync } from './atomic';
import { parseStatus, StatusFileError } from './status-check';
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

/** The status file inside `runDir`. */
export function statusPath(runDir: string): string {
  return join(runDir, 'status.json');
}

/** Writes the status atomically, mode 0644; no fsync: it is rewritten every cycle and lives on tmpfs. */
export function writeStatus(runDir: string, doc: StatusDocument): void {
  replaceFileSync(statusPath(runDir), `${JSON.stringify(doc, null, 1)}\n`, 0o644, 0o755, false);
}

/** A status file is a few kilobytes; anything bigger is not one (and is never read whole). */
const MAX_STATUS_BYTES = 1 << 20;

/**
 * Reads the status; undefined when there is none (never started, or rebooted: run_dir is on tmpfs).
 * Throws StatusFileError for a file that cannot be read or is not a status document.
 */
export function readStatus(runDir: string): StatusDocument | undefined {
  const path = statusPath(runDir);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StatusFileError(path, `cannot read it: ${code ?? (err as Error).message}`);
  }
  const buffer = Buffer.alloc(MAX_STATUS_BYTES + 1);
  let length = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
      if (n === 0 || length === buffer.length) break;
    }
  } catch (err) {
    throw new StatusFileError(path, `cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    closeSync(fd);
  }
  if (length > MAX_STATUS_BYTES) throw new StatusFileError(path, 'larger than 1 MiB');
  return parseStatus(path, buffer.toString('utf8', 0, length));
}
