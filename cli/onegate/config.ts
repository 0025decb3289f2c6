// Where `onegate` gets its endpoint, VMID and token (docs/cli.md, "Configuration"), read as text and never sourced:
//   1. the environment: ONEGATE_ENDPOINT, VMID, TOKENTXT (what the Ruby client reads);
//   2. /var/run/one-context/one_env when readable: its values override the environment, as the Ruby
//      client's bash wrapper does by sourcing it (the first assignment of each name counts: agent/context's
//      defence against the quote break-out described in docs/onegate-protocol.md);
//   3. whatever is still missing, from the agent's context discovery: ONEGATE_TOKEN, then the CONTEXT media
//      or /context (context.sh, token.txt). Loaded only when needed: the usual guest has one_env.
// Loaded by main.ts only when a command needs the client, so --help and usage errors read nothing.

import { readFileSync } from 'node:fs';
import { firstOneEnvValue, parseOneEnvEntries } from '../../agent/context/one-env';
import { isAbsent, underRoot } from '../../agent/context/sources/files';
import { ONE_ENV_PATHS } from '../../agent/context/sources/one-env';
import { checkVmid } from '../../agent/context/validate';
import type { OneGateClient } from '../../agent/onegate/client';
import type { Credentials } from '../../agent/onegate/types';
import { VERSION } from '../../agent/version';
import { CliError } from './errors';
import type { ClientSettings } from './settings';

type Env = Record<string, string | undefined>;
type Partial3 = { endpoint?: string; vmid?: string; token?: string };

/** The filesystem root for one_env and the context media: ONEGATE_CONTEXT_ROOT (containers, tests) or /. */
function rootOf(env: Env): string {
  return env.ONEGATE_CONTEXT_ROOT || '/';
}

/**
 * one_env's three values. Read synchronously rather than with agent/context's readOneEnv: its fs.promises
 * drags ~10 more Node modules (fs/promises, readline) into every call of the CLI. Unreadable (non-root) or
 * absent files are skipped, as the wrapper's `.` does.
 */
function fromOneEnv(env: Env, warn: (line: string) => void): Partial3 & { file?: string } {
  for (const guestPath of ONE_ENV_PATHS) {
    const file = underRoot(rootOf(env), guestPath);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if (isAbsent(err)) continue;
      throw err;
    }
    try {
      const entries = parseOneEnvEntries(text, file);
      const value = (name: string): string | undefined => firstOneEnvValue(entries, name) || undefined;
      return { endpoint: value('ONEGATE_ENDPOINT'), vmid: value('VMID'), token: value('TOKENTXT'), file };
    } catch (err) {
      // A one_env that does not parse is skipped (bash would have run what it could), but said out loud.
      warn(`onegate: ignoring one_env: ${err instanceof Error ? err.message : String(err)}`);
      return {};
    }
  }
  return {};
}

async function fromContext(env: Env): Promise<Partial3> {
  const { discoverContext } = await import('../../agent/context/discover.js');
  const ctx = await discoverContext({ env, root: rootOf(env) });
  return { endpoint: ctx.endpoint, vmid: ctx.vmid, token: ctx.token };
}

/** The credentials by the precedence above; CLI_CONFIG when no endpoint is found anywhere. */
export async function resolveCredentials(env: Env, warn: (line: string) => void): Promise<Credentials> {
  const found: Partial3 = { endpoint: env.ONEGATE_ENDPOINT, vmid: env.VMID, token: env.TOKENTXT };
  const oneEnv = fromOneEnv(env, warn);
  for (const key of ['endpoint', 'vmid', 'token'] as const) found[key] = oneEnv[key] || found[key];
  // The agent's own check (discovery below applies it too): a VMID that is not a number is refused here,
  // not sent for the server to answer "Not authorized".
  if (found.vmid) found.vmid = checkVmid(found.vmid, oneEnv.vmid ? `${oneEnv.file} VMID` : 'environment VMID');
  if (!found.endpoint || !found.vmid || !found.token) {
    const context = await fromContext(env);
    for (const key of ['endpoint', 'vmid', 'token'] as const) found[key] ||= context[key];
  }
  if (!found.endpoint) {
    throw new CliError('CLI_CONFIG', 'no OneGate endpoint: set ONEGATE_ENDPOINT, or run in a VM whose context has TOKEN="YES"');
  }
  // A missing token or VMID is sent empty, as the Ruby client does: the server answers 401 Not authorized.
  return { endpoint: found.endpoint, vmid: found.vmid ?? '', token: found.token ?? '' };
}

/** Reads the configuration and builds the client. */
export async function createClient(env: Env, settings: ClientSettings, warn: (line: string) => void): Promise<OneGateClient> {
  const credentials = await resolveCredentials(env, warn);
  const { OneGateClient } = await import('../../agent/onegate/client.js');
  return new OneGateClient({
    credentials,
    timeoutMs: settings.timeoutMs,
    insecure: settings.insecure,
    caFile: env.ONEGATE_CA || undefined,
    env,
    signal: settings.signal,
    maxResponseBytes: settings.maxResponseBytes,
    userAgent: `onegate/${VERSION}`,
  });
}
