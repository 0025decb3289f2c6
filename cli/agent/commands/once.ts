// `onegate-agent once [--dry-run]`: one collection and push cycle in the foreground, printing what is
// (or would be) sent. Everything is sent, not only changes, and the daemon's state is left alone.

import { ConfigError, loadConfig } from '../../../agent/config/load';
import { applyContextOverrides } from '../../../agent/config/overrides';
import type { AgentConfig } from '../../../agent/config/schema';
import { discoverContext, resolveCredentials } from '../../../agent/context/discover';
import { gatherAttributes } from '../../../agent/daemon/gather';
import { clientOptionsOf, discoverOptionsOf, metricsOptionsOf } from '../../../agent/daemon/options';
import { createLogger } from '../../../agent/log';
import { collectAll, collectors, createCollectors, monotonicMs } from '../../../agent/metrics';
import { OneGateClient } from '../../../agent/onegate/client';
import { sleep } from '../../../agent/onegate/retry';
import { COMMON_OPTIONS, parseCommand } from './args';

const USAGE = `Usage: onegate-agent once [--dry-run] [--config FILE] [--context-dir DIR | --context-file FILE]

Collects the metrics and custom attributes once (rates over a 1 s sample) and sends them all in one
PUT /vm, printing each KEY=VALUE sent. With --dry-run nothing is sent: it prints what would be.

Exit status: 0 sent (or printed), 1 failure (configuration, context or server).
`;

/** Seconds between the priming sample and the measured one, so CPU and network rates have a base. */
const SAMPLE_MS = 1000;

export async function main(argv: string[]): Promise<number> {
  const args = parseCommand(argv, {
    name: 'once',
    usage: USAGE,
    badExit: 1,
    options: { ...COMMON_OPTIONS, 'dry-run': { type: 'boolean' } },
  });
  if (typeof args === 'number') return args;
  const fail = (message: string): number => {
    process.stderr.write(`onegate-agent once: ${message}\n`);
    return 1;
  };
  let config: AgentConfig;
  try {
    config = loadConfig(args.config).config;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const log = createLogger({ level: config.log_level as 'info', journald: false });
  const discover = discoverOptionsOf(config, { contextDir: args['context-dir'], contextFile: args['context-file'] });
  const context = await discoverContext(discover).catch((err: Error) => {
    log.warn(`context: ${err.message}; no context overrides`);
    return undefined;
  });
  const effective = applyContextOverrides(config, context?.vars ?? {});
  for (const line of effective.rejected) log.warn(line);
  config = effective.config;
  const active = createCollectors(collectors, {
    procRoot: '/proc',
    sysRoot: '/sys',
    log,
    now: monotonicMs,
    options: metricsOptionsOf(config),
  });
  await collectAll(active, log);
  await sleep(SAMPLE_MS);
  const gathered = await gatherAttributes(config, active, log);
  for (const p of gathered.problems) log.warn(`skipped: ${p}`);
  const lines = Object.entries(gathered.attributes)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  if (args['dry-run']) {
    process.stdout.write(lines);
    return 0;
  }
  if (!config.push.enabled) return fail('push.enabled is false in the configuration; nothing sent (use --dry-run to see the values)');
  try {
    const credentials = await resolveCredentials(discover);
    const client = new OneGateClient({
      credentials,
      ...clientOptionsOf(config),
      refreshCredentials: () => resolveCredentials(discover),
    });
    await client.updateVm(gathered.attributes);
    client.close();
  } catch (err) {
    return fail((err as Error).message);
  }
  process.stdout.write(lines);
  return 0;
}
