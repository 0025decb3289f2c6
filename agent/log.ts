// Logging to stderr with sd-daemon priority prefixes ("<3>"), which journald maps to levels
// (SyslogLevelPrefix=yes is the default). Node cannot write to /dev/log or send sd_notify natively.
import { printable } from './printable';

/** Severity names, most to least severe. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The logging interface every unit receives; never pass the token in a message. */
export interface Logger {
  /** Something failed and needs attention. */
  error(message: string): void;
  /** Something degraded but work goes on. */
  warn(message: string): void;
  /** Normal, infrequent events. */
  info(message: string): void;
  /** Details for troubleshooting, off by default. */
  debug(message: string): void;
}

const PRIORITY: Record<LogLevel, number> = { error: 3, warn: 4, info: 6, debug: 7 };
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The most verbose level written; default "info". */
  level?: LogLevel;
  /** Where lines go; default process.stderr. */
  write?: (line: string) => void;
  /** Prefix lines with "<N>" for journald; default true. */
  journald?: boolean;
}

/** Creates a logger writing one line per message. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const journald = options.journald ?? true;
  const emit =
    (at: LogLevel) =>
    (message: string): void => {
      if (RANK[at] > RANK[level]) return;
      // Messages quote servers, files and commands: no control character reaches the journal or a terminal.
      const oneLine = printable(message.replace(/\r?\n/g, ' | '), Number.POSITIVE_INFINITY);
      write(journald ? `<${PRIORITY[at]}>${oneLine}\n` : `${at}: ${oneLine}\n`);
    };
  return { error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug') };
}

/** A logger that drops everything, for library callers that pass none. */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** True when `name` is a level name. */
export function isLogLevel(name: string): name is LogLevel {
  return Object.hasOwn(RANK, name);
}
