// `onegate-agent run`: the daemon in the foreground (systemd Type=exec). SIGHUP reloads configuration and
// context, SIGTERM/SIGINT stop it within a few seconds with state saved (exit 0).
import { setFlagsFromString } from 'node:v8';
import { ConfigError } from '../../../agent/config/load';
import { createDaemon } from '../../../agent/daemon/daemon';
import { createLogger, isLogLevel, type Logger, type LogLevel } from '../../../agent/log';
import { hostFacts, isWindows } from '../../../agent/platform/facts';
import { agentPaths } from '../../../agent/platform/paths';
import { quoteInput } from '../../../agent/redact';
import { StateLockedError } from '../../../agent/state/lock';
import { COMMON_OPTIONS, parseCommand } from './args';
import type { AgentResult } from './types';

// Journald reads "<6>" priority prefixes; on Windows the service wrapper (Shawl) keeps the lines in its log
// file, where a level name reads better.
const JOURNALD = !isWindows(hostFacts());

const USAGE = `Usage: onegate-agent run [--config FILE] [--context-dir DIR | --context-file FILE] [--log-level LEVEL]

Runs the agent in the foreground: reports READY, pushes metrics and attributes, pulls VM, service,
virtual router and network data and runs hooks. Logs go to stderr ${JOURNALD ? 'with journald priority prefixes' : 'as "LEVEL: message"'}.

  --config FILE        configuration (default ${agentPaths(hostFacts()).configFile}; absent: defaults)
  --context-dir DIR    read context.sh and token.txt from DIR instead of discovering the context
  --context-file FILE  read this context.sh instead of discovering the context
  --log-level LEVEL    error, warn, info or debug; overrides log_level

Signals: SIGHUP reloads the configuration and context; SIGTERM or SIGINT stops (exit 0).
Exit status: 0 stopped by a signal, 1 unusable configuration or arguments, or another daemon holds state_dir.
`;

/**
 * V8 flags of the daemon alone. It runs a few milliseconds a second, so the optimizing compilers (TurboFan,
 * Maglev) buy it nothing, while their code pages and compilations cost ~6 MB of RSS (measured with Node 22:
 * 57.9 -> 51.8 MB, CPU per cycle 4.33 -> 4.00 ms); the baseline compiler (Sparkplug) likewise, ~0.5 MB of
 * code and metadata (issue 15, Node 22: anonymous memory 12.5 -> 12.1 MB, code space 0.59 -> 0.07 MB). Set
 * at run time because NODE_OPTIONS refuses these flags, and because hooks inherit NODE_OPTIONS: an `onegate`
 * started by a hook keeps its compilers.
 */
const DAEMON_V8_FLAGS = ['--no-opt', '--no-maglev', '--no-sparkplug'];

export async function run(argv: string[]): Promise<AgentResult> {
  for (const flag of DAEMON_V8_FLAGS) setFlagsFromString(flag);
  const parsed = parseCommand(argv, {
    usage: USAGE,
    badExit: 1,
    options: { ...COMMON_OPTIONS, 'log-level': { type: 'string' } },
    check: (v) => {
      if (v['log-level'] !== undefined && !isLogLevel(v['log-level']))
        throw new Error(`--log-level: expected error, warn, info or debug, got ${quoteInput(v['log-level'])}`);
    },
  });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const forced = args['log-level'] as LogLevel | undefined;
  let inner = createLogger({ level: forced ?? 'info', journald: JOURNALD });
  const log: Logger = {
    error: (m) => inner.error(m),
    warn: (m) => inner.warn(m),
    info: (m) => inner.info(m),
    debug: (m) => inner.debug(m),
  };
  // Whatever escapes a unit is logged, never fatal: a crash would stop READY and the push for good.
  process.on('unhandledRejection', (reason) => log.error(`internal error: ${reason instanceof Error ? reason.stack : String(reason)}`));
  process.on('uncaughtException', (err) => log.error(`internal error: ${err.stack ?? err.message}`));
  const daemon = createDaemon({
    configFile: args.config,
    flags: { contextDir: args['context-dir'], contextFile: args['context-file'] },
    log,
    setLevel: (level) => {
      inner = createLogger({ level: forced ?? level, journald: JOURNALD });
    },
  });
  // Handlers first: a signal during start-up (slow context media) must not kill the process half-way.
  let stopped: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    stopped = resolve;
  });
  const stop = (signal: string): void => {
    log.info(`${signal}: stopping`);
    void daemon.stop().then(() => {
      stopped(0);
      // Anything still holding the event loop (a hook ignoring SIGTERM) must not delay the exit.
      setTimeout(() => process.exit(0), 1000).unref();
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Windows has no SIGTERM: the service wrapper stops the agent with CTRL_BREAK, which Node reports as SIGBREAK.
  process.on('SIGBREAK', () => stop('SIGBREAK'));
  process.on('SIGHUP', () => {
    void daemon.reload();
  });
  // SIGUSR2 would end the process without saving (no action is defined for it), and SIGUSR1 would open Node's
  // inspector on 127.0.0.1:9229, where any local user could run code as the agent: a listener of our own
  // replaces both (Node 20 and 22 open no inspector once one is installed), so each is said and ignored.
  if (process.platform !== 'win32') {
    for (const signal of ['SIGUSR1', 'SIGUSR2'] as const) {
      process.on(signal, () => log.warn(`${signal}: ignored (SIGHUP reloads, SIGTERM stops)`));
    }
  }
  try {
    await daemon.start();
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof StateLockedError)) throw err;
    return { code: 1, errors: [err.message] };
  }
  return { code: await done };
}
