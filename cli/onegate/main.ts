// Entry of `onegate`, the drop-in replacement for the Ruby OneGate client. Thin on purpose: start-up is
// the cost users feel (scripts call it thousands of times), so it parses argv, finds the command and loads
// the configuration and client code only when the command asks for the client (docs/cli.md, "Start-up").

import type { OneGateClient } from '../../agent/onegate/client';
import { quoteInput } from '../../agent/redact';
import { VERSION } from '../../agent/version';
import { findCommand } from './commands/index';
import type { CommandContext } from './commands/types';
import { CliError, reportError } from './errors';
import { parseArgs } from './options';
import { processStreams, type Streams, writeError, writeHelp, writeResult, writeVersion, writeWarning } from './output';
import { isInsecure, parseEmptyStyle, parseMaxResponse, parseTimeout } from './settings';
import { wakeAgent } from './wake';

/** Runs `onegate` with `argv` (without the program name); resolves to the exit status. */
export async function main(argv: string[], streams: Streams = processStreams(), env = process.env): Promise<number> {
  let endpoint: string | undefined;
  let client: OneGateClient | undefined;
  try {
    const parsed = parseArgs(argv);
    if (parsed.stop === 'help') {
      writeHelp(streams);
      return 0;
    }
    if (parsed.stop === 'version') {
      writeVersion(streams, VERSION);
      return 0;
    }
    const [resource, verb, ...args] = parsed.positionals;
    const found = findCommand(resource, verb);
    // The Ruby client prints its help alone, which does not say what was wrong: one line first (docs/cli.md).
    if ('unknownResource' in found)
      throw resource === undefined || resource === 'help'
        ? new CliError('CLI_USAGE', '', 'only')
        : new CliError('CLI_USAGE', `unknown command ${quoteInput(resource)}`, 'after');
    if ('unknownVerb' in found) throw new CliError('CLI_USAGE', `Action ${found.unknownVerb} not supported`, 'before');
    const empty = parseEmptyStyle(env);
    const settings = {
      timeoutMs: parseTimeout(parsed.values.timeout, env),
      insecure: isInsecure(parsed.values.insecure, env),
      maxResponseBytes: parseMaxResponse(env),
    };
    const ctx: CommandContext = {
      verb: verb!,
      args,
      options: parsed.values,
      timeoutMs: settings.timeoutMs,
      async client(overrides = {}) {
        const { createClient } = await import('./config.js');
        client = await createClient(env, { ...settings, ...overrides }, (line) => writeWarning(streams, line));
        endpoint = client.credentials.endpoint;
        return client;
      },
    };
    writeResult(streams, await found.command.run(ctx), parsed.values, empty);
    if (found.command.wakesAgent) wakeAgent(env);
    return 0;
  } catch (err) {
    const report = reportError(err, endpoint);
    writeError(streams, report);
    return report.status;
  } finally {
    client?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`onegate: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
