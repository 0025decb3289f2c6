// Settings from options and environment, parsed before any command runs (pure).
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
