import { describe, expect, it } from 'vitest';
import { createLogger, isLogLevel } from '../../agent/log';

function capture(level: 'error' | 'warn' | 'info' | 'debug', journald = true) {
  const lines: string[] = [];
  const log = createLogger({ level, journald, write: (l) => lines.push(l) });
  return { log, lines };
}

describe('createLogger', () => {
  it('prefixes journald priorities', () => {
    const { log, lines } = capture('debug');
    log.error('e');
    log.warn('w');
    log.info('i');
    log.debug('d');
    expect(lines).toEqual(['<3>e\n', '<4>w\n', '<6>i\n', '<7>d\n']);
  });
  it('drops messages below the level', () => {
    const { log, lines } = capture('warn');
    log.info('hidden');
    log.debug('hidden');
    log.warn('shown');
    expect(lines).toEqual(['<4>shown\n']);
  });
  it('keeps one message on one line', () => {
    const { log, lines } = capture('info', false);
    log.info('a\nb\r\nc');
    expect(lines).toEqual(['info: a | b | c\n']);
  });
  it('knows its level names', () => {
    expect(isLogLevel('debug')).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
  });
});
