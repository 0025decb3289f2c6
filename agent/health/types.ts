// Health checks: what a check is, what one run of it says, and the verdict kept per check. The daemon maps
// the `health` config key to these (agent/daemon/options.ts).

/** How a check probes the service. */
export type Probe =
  /** GET the URL; a 2xx or 3xx status passes (redirects are not followed). */
  | { kind: 'http'; url: string }
  /** Open a TCP connection; connecting passes. */
  | { kind: 'tcp'; host: string; port: number }
  /** Run the program (argv, never a shell); exit status 0 passes. */
  | { kind: 'command'; argv: string[] };

/** One configured check. */
export interface HealthCheck {
  /** Name used in HEALTH_REASON, logs and status. */
  name: string;
  probe: Probe;
  /** Milliseconds from the start of one run to the start of the next. */
  intervalMs: number;
  /** A run that takes longer fails, and its process or connection is ended. */
  timeoutMs: number;
  /** Consecutive failed runs that turn the check FAIL. */
  failures: number;
  /** Consecutive passed runs that turn the check OK. */
  successes: number;
}

/** What one run found. */
export interface ProbeResult {
  /** True when the run passed. */
  ok: boolean;
  /** Why it failed, short ("HTTP 503", "connection refused", "timed out after 3 s"); "" when it passed. */
  reason: string;
}

/** UNKNOWN until a check reaches its first verdict. */
export type HealthStatus = 'OK' | 'FAIL' | 'UNKNOWN';

/** Where one check stands. */
export interface CheckVerdict {
  status: HealthStatus;
  /** Consecutive passed runs, reset by a failure. */
  passes: number;
  /** Consecutive failed runs, reset by a pass. */
  misses: number;
  /** The last failure's reason; kept while FAIL. */
  reason: string;
}
