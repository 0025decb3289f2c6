// Settings from options and environment, parsed before any command runs (pure).
import { quoteInput } from '../../agent/redact';
import { CliError } from './errors';
import type { EmptyStyle } from './format/json';

type Env = Record<string, string | undefined>;

/** What the client is built from, besides the credentials. */
export interface ClientSettings {
  /** Total bound per call, ms. */
  timeoutMs: number;
  /** Skip TLS verification (--insecure or ONEGATE_INSECURE=1). */
  insecure: boolean;
  /** Aborts every call (vm wait's deadline). */
  signal?: AbortSignal;
  /** Largest response body, bytes (ONEGATE_MAX_RESPONSE_MIB); the client's default when undefined. */
  maxResponseBytes?: number;
}

/** ONEGATE_MAX_RESPONSE_MIB (1..256) in bytes, or undefined for the client's default (1 MiB). */
export function parseMaxResponse(env: Env): number | undefined {
  const text = env.ONEGATE_MAX_RESPONSE_MIB;
  if (text === undefined || text === '') return undefined;
  const mib = Number(text);
  if (!/^\d{1,3}$/.test(text) || mib < 1 || mib > 256) {
    throw new CliError('CLI_OPTION', `invalid ONEGATE_MAX_RESPONSE_MIB ${quoteInput(text)} (expected MiB, an integer from 1 to 256)`);
  }
  return mib * 1024 * 1024;
}

/** --timeout, else ONEGATE_TIMEOUT, else 30 s; in ms. */
export function parseTimeout(option: string | undefined, env: Env): number {
  const [text, name] = option !== undefined ? [option, '--timeout'] : [env.ONEGATE_TIMEOUT, 'ONEGATE_TIMEOUT'];
  if (text === undefined || text === '') return 30_000;
  const seconds = Number(text);
  if (!/^\s*\d*\.?\d+\s*$/.test(text) || !(seconds > 0)) {
    throw new CliError('CLI_OPTION', `invalid argument: ${name} ${text} (expected seconds, a number greater than 0)`);
  }
  return Math.round(seconds * 1000);
}

/** --insecure, or ONEGATE_INSECURE set to 1, true or yes. */
export function isInsecure(option: boolean | undefined, env: Env): boolean {
  return option === true || /^(1|true|yes)$/i.test(env.ONEGATE_INSECURE ?? '');
}

/** ONEGATE_JSON_EMPTY: how --json prints empty arrays and objects; default compact ([] and {}). */
export function parseEmptyStyle(env: Env): EmptyStyle {
  const value = env.ONEGATE_JSON_EMPTY ?? '';
  if (value === '' || value === 'compact' || value === 'multiline') return value === 'multiline' ? 'multiline' : 'compact';
  throw new CliError('CLI_OPTION', `invalid ONEGATE_JSON_EMPTY=${value} (expected compact or multiline)`);
}
