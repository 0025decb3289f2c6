// A logger that keeps "<level> <message>" a line of error, warn and info (debug is dropped), for tests that
// assert what the agent said.
import type { Logger } from '../../agent/log';

export function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { lines, log: { error: keep('error'), warn: keep('warn'), info: keep('info'), debug: () => {} } };
}
