// Client options: their defaults in one place, checked once at construction so a bad value fails early with a
// message naming the option.
import { readFileSync } from 'node:fs';
import { type Logger, silentLogger } from '../log';
import { VERSION } from '../version';
import { OneGateError } from './errors';
import type { RetryPolicy } from './retry';
import type { TransportOptions } from './transport/types';
import type { Credentials } from './types';

/** Options of OneGateClient. */
export interface ClientOptions {
  /** Endpoint, VM ID and token to use (see resolveCredentials in agent/context). */
  credentials: Credentials;
  /** Called once after a 401 to re-read the token and VMID; the request is then retried once. */
  refreshCredentials?: () => Promise<Credentials>;
  /** Bound on a whole call, retries and backoff included, ms; default 30000. */
  timeoutMs?: number;
  /** Bound on TCP connect plus TLS handshake, ms; default 5000. */
  connectTimeoutMs?: number;
  /** Retries after a connection error (refused, reset, connect timeout), GET and PUT only; default 1. */
  retries?: number;
  /** Backoff between those retries; default { baseMs: 250, factor: 2, maxMs: 2000 } with full jitter. */
  backoff?: Omit<RetryPolicy, 'maxAttempts'>;
  /** PEM file with the CA(s) that sign the OneGate certificate, replacing the system store. */
  caFile?: string;
  /** Skip TLS certificate verification (the Ruby CLI never verifies); default false. */
  insecure?: boolean;
  /** Source of http_proxy, https_proxy and no_proxy; default process.env. */
  env?: Record<string, string | undefined>;
  /** Where debug lines go; default silent. The token is never logged. */
  log?: Logger;
  /** Aborts every call of this client (ONEGATE_ABORTED). */
  signal?: AbortSignal;
  /** User-Agent header; default "onegate-agent/<version>". */
  userAgent?: string;
  /** Keep the path prefix of the endpoint (https://h/onegate -> /onegate/vm); default true. */
  keepPathPrefix?: boolean;
  /** Idle keep-alive sockets are closed after this long, ms; default 4000 (below the servers' 5 s and up). */
  freeSocketTimeoutMs?: number;
  /** Largest accepted response body, bytes; default 1 MiB (DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/**
 * The default body limit, 1 MiB. Memory follows it (scripts/bench/hostile.mjs): a body is held once, then its
 * text and what JSON.parse builds (bounded by json-density.ts), and a daemon refusing bodies at the limit every
 * few seconds holds several before the garbage collector frees them: at 1 MiB the worst hostile server keeps
 * the daemon under 64 MB, at 2 MiB it does not. What documents need: GET /vm is about 1 KB, GET /service 150 B
 * per node (1000 nodes: 148 KB), a vnet lease about 100 B; only an extended GET /service is larger (1.13 MB
 * for 1000 nodes as the simulator renders them, a few times that with real one.vm.info documents), which the
 * daemon asks for only with pull.service_extended: raise onegate.max_response_size (or the CLI's
 * ONEGATE_MAX_RESPONSE_MIB) for it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** ClientOptions with every default applied. */
export interface ResolvedOptions {
  refreshCredentials?: () => Promise<Credentials>;
  timeoutMs: number;
  retry: RetryPolicy;
  env: Record<string, string | undefined>;
  log: Logger;
  signal?: AbortSignal;
  userAgent: string;
  keepPathPrefix: boolean;
  transport: TransportOptions;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid client option ${name}: ${String(value)} is not a positive number`);
  }
  return value;
}

function retryPolicy(options: ClientOptions): RetryPolicy {
  const retries = options.retries ?? 1;
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid client option retries: ${String(retries)} is not a non-negative integer`);
  }
  const b = options.backoff ?? { baseMs: 250, factor: 2, maxMs: 2000 };
  return {
    maxAttempts: retries + 1,
    baseMs: positive('backoff.baseMs', b.baseMs, 250),
    factor: positive('backoff.factor', b.factor, 2),
    maxMs: positive('backoff.maxMs', b.maxMs, 2000),
  };
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `cannot read caFile "${file}": ${(err as Error).message}`, { cause: err });
  }
}

/** Applies the defaults; throws ONEGATE_INVALID_VALUE naming a bad option or an unreadable caFile. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  return {
    refreshCredentials: options.refreshCredentials,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
    retry: retryPolicy(options),
    env: options.env ?? process.env,
    log: options.log ?? silentLogger,
    signal: options.signal,
    userAgent: options.userAgent ?? `onegate-agent/${VERSION}`,
    keepPathPrefix: options.keepPathPrefix ?? true,
    transport: {
      connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 5000),
      freeSocketTimeoutMs: positive('freeSocketTimeoutMs', options.freeSocketTimeoutMs, 4000),
      maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
      ca: options.caFile === undefined ? undefined : readCa(options.caFile),
      insecure: options.insecure ?? false,
    },
  };
}
