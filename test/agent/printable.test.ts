// The one escaping of quoted server text: nothing that drives a terminal survives, plain text is unchanged.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../agent/log';
import { httpError } from '../../agent/onegate/errors';
import { parseJsonResponse } from '../../agent/onegate/json';
import { printable } from '../../agent/printable';
import { reportError } from '../../cli/onegate/errors';

const HOSTILE = 'ok\x1b[2J\x1b]0;owned\x07\r\u202eevil\u2028\x00\x9b';

describe('printable', () => {
  it.each([
    ['plain text', 'VM 42 not found', 'VM 42 not found'],
    ['Latin-1 and UTF-8 letters', 'café ñ ÿ 日本', 'café ñ ÿ 日本'],
    ['an escape sequence', '\x1b[31mred', '\\x1b[31mred'],
    ['CR, NUL, DEL, a C1 CSI', 'a\rb\x00c\x7fd\x9b', 'a\\x0db\\x00c\\x7fd\\x9b'],
    ['bidirectional override and line separator', 'a\u202eb\u2028c\u2066', 'a\\u202eb\\u2028c\\u2066'],
  ])('%s', (_what, text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it('cuts at max characters, then escapes', () => {
    expect(printable('a'.repeat(100))).toBe(`${'a'.repeat(80)}...`);
    expect(printable('\x1b'.repeat(3), 2)).toBe('\\x1b\\x1b...');
  });

  it('keeps line feeds only when asked', () => {
    expect(printable('a\nb\r\n', 80, true)).toBe('a\nb\\x0d\n');
    expect(printable('a\nb')).toBe('a\\x0ab');
  });
});

/** True when `text` holds a byte that a terminal would act on. */
function drivesTerminal(text: string): boolean {
  return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/.test(text);
}

describe('every place that quotes server text escapes it', () => {
  it('a 2xx body that is not JSON', () => {
    let message = '';
    try {
      parseJsonResponse({ status: 200, headers: {}, body: HOSTILE }, 'GET /vm');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('GET /vm answered 200 with a body that is not JSON: "ok\\x1b[2J');
    expect(drivesTerminal(message)).toBe(false);
  });

  it('the first line of an error body in the error message', () => {
    const err = httpError('GET', '/vm', 500, `${HOSTILE}\nsecond`);
    expect(err.message).toContain('failed with HTTP 500: ok\\x1b[2J');
    expect(drivesTerminal(err.message)).toBe(false);
    expect(err.body).toBe(`${HOSTILE}\nsecond`); // kept as sent, for callers that match on it
  });

  it('the error body onegate prints, its lines kept', () => {
    const report = reportError(httpError('GET', '/vm', 404, `${HOSTILE}\nsecond line`));
    expect(report.text).toBe('ERROR: \nok\\x1b[2J\\x1b]0;owned\\x07\\x0d\\u202eevil\\u2028\\x00\\x9b\nsecond line\n');
    expect(report.status).toBe(255);
  });

  it('every log line', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l), journald: false }).warn(`pull: ${HOSTILE}\nnext`);
    expect(lines).toEqual(['warn: pull: ok\\x1b[2J\\x1b]0;owned\\x07\\x0d\\u202eevil\\u2028\\x00\\x9b | next\n']);
  });
});
