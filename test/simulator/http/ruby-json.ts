// JSON.parse as the server's json gem reports failures, and Ruby's class names for error texts.
import { rubyError } from './ruby';

/**
 * Parses JSON; throws the message of the json gem the reference servers run (2.6): "unexpected token at 'x'",
 * and "unexpected token at ''" for blank or truncated input. Newer gems word these differently.
 */
export function parseRubyJson(text: string): unknown {
  if (text.trim() === '') throw rubyError('JSON::ParserError', "unexpected token at ''");
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    if (/end of JSON input/i.test(msg)) throw rubyError('JSON::ParserError', "unexpected token at ''");
    const at = /position (\d+)/.exec(msg);
    throw rubyError('JSON::ParserError', `unexpected token at '${text.slice(at ? Number(at[1]) : firstBad(text))}'`);
  }
}

// Without a position from V8, the first character that cannot start a JSON value.
function firstBad(text: string): number {
  const i = text.search(/\S/);
  return Math.max(0, i);
}

/** The Ruby class of a JSON value, for NoMethodError texts. */
export function rubyClass(v: unknown): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'an instance of Array';
  if (typeof v === 'string') return 'an instance of String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an instance of Integer' : 'an instance of Float';
  if (typeof v === 'boolean') return String(v);
  return 'an instance of Hash';
}

/** Ruby truthiness: everything but nil and false. */
export const rubyTruthy = (v: unknown): boolean => v !== null && v !== undefined && v !== false;

/** Ruby's to_s of a JSON value (as used when OCA methods stringify params). */
export const rubyToS = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
