// `onegate-agent once [--dry-run]`: one collection and push cycle in the foreground, printing what is
// (or would be) sent. Everything is sent, not only changes, and the daemon's state is left alone: the
// daemon's wiring (agent/daemon/wire.ts) builds the collectors and the client, with no unit started.

import { ConfigError, loadConfig } from '../../../agent/config/load';
import { applyContextOverrides } from '../../../agent/config/overrides';
import type { AgentConfig } from '../../../agent/config/schema';
import { credentialsOf, discoverContext } from '../../../agent/context/discover';
import type { ResolvedContext } from '../../../agent/context/types';
import { discoverOptionsOf } from '../../../agent/daemon/options';
import { wire } from '../../../agent/daemon/wire';
import { createLogger } from '../../../agent/log';
import { sleep } from '../../../agent/onegate/retry';
import { DEFAULT_LIST_REASON } from '../../../agent/push/pusher';
import { COMMON_OPTIONS, parseCommand } from './args';
import type { AgentResult } from './types';

const USAGE = `Usage: onegate-agent once [--dry-run] [--config FILE] [--context-dir DIR | --context-file FILE]

Collects the metrics and custom attributes once (rates over a 1 s sample) and sends them all in one
PUT /vm, printing each KEY=VALUE sent. With --dry-run nothing is sent: it prints what would be.

  --dry-run            print the attributes without sending them
  --config FILE        configuration (default /etc/onegate-agent/agent.yaml; absent: defaults)
  --context-dir DIR    read context.sh and token.txt from DIR instead of discovering the context
  --context-file FILE  read this context.sh instead of discovering the context

Exit status: 0 sent (or printed), 1 failure (arguments, configuration, context or server).
`;

/** Seconds between the priming sample and the measured one, so CPU and network rates have a base. */
const SAMPLE_MS = 1000;

export async function run(argv: string[]): Promise<AgentResult> {
  const parsed = parseCommand(argv, { usage: USAGE, badExit: 1, options: { ...COMMON_OPTIONS, 'dry-run': { type: 'boolean' } } });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const fail = (message: string): AgentResult => ({ code: 1, errors: [message] });
  let config: AgentConfig;
  try {
    config = loadConfig(args.config).config;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const log = createLogger({ level: config.log_level as 'info', journald: false });
  const flags = { contextDir: args['context-dir'], contextFile: args['context-file'] };
  let contextError: Error | undefined;
  const context: ResolvedContext | undefined = await discoverContext(discoverOptionsOf(config, flags)).catch((err: Error) => {
    log.warn(`context: ${err.message}; no context overrides`);
    contextError = err;
    return undefined;
  });
  const effective = applyContextOverrides(config, context?.vars ?? {});
  for (const line of effective.rejected) log.warn(line);
  config = effective.config;
  let credentials: ReturnType<typeof credentialsOf> | undefined;
  try {
    credentials = context ? credentialsOf(context) : undefined;
  } catch (err) {
    contextError = err as Error;
  }
  const wiring = wire({ units: [], log, flags });
  wiring.apply(config, context, credentials, 'context');
  try {
    await sleep(SAMPLE_MS);
    const gathered = await wiring.gather();
    for (const p of gathered.problems) log.warn(`skipped: ${p}`);
    for (const name of gathered.restricted) log.warn(`skipped: attribute ${name}: ${DEFAULT_LIST_REASON}`);
    const printed: AgentResult = { code: 0, output: { layout: 'attributes', data: gathered.attributes } };
    if (args['dry-run']) return printed;
    if (!config.push.enabled) return fail('push.enabled is false in the configuration; nothing sent (use --dry-run to see the values)');
    if (!wiring.api) return contextError ? fail(contextError.message) : { code: 1 }; // else the wiring logged why (onegate: ...)
    await wiring.api.updateVm(gathered.attributes);
    return printed;
  } catch (err) {
    return fail((err as Error).message);
  } finally {
    wiring.close();
  }
}
