// Public library API (filled in by the client library).
export { VERSION } from './version';
export type { Logger, LogLevel } from './log';
export { createLogger, silentLogger } from './log';
