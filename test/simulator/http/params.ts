// Rack's parameter parsing: query string, then form bodies (urlencoded), last value wins, with the
// limits of patched Rack (4 MiB, 4096 pairs) that make the real server answer 500, and Ruby's refusal of a
// "%" without two hex digits after it (InvalidParameterError: Sinatra's 400, before any route or filter).
import { isUtf8 } from 'node:buffer';
import { HttpError } from './error';

const FORM_LIMIT_BYTES = 4 * 1024 * 1024;
const FORM_LIMIT_PAIRS = 4096;

/** A name or value with a bad percent escape, e.g. "50%": Ruby's `invalid %-encoding (50%)`. */
export class InvalidParameterError extends Error {
  constructor(component: string) {
    super(`invalid %-encoding (${component})`);
    this.name = 'InvalidParameterError';
  }
}

// URI.decode_www_form_component checks the whole component first: any "%" not followed by two hex digits.
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** Parses "a=1&b=2" into `into`; names whose bytes are not UTF-8 are added to `bad`; throws InvalidParameterError. */
export function parseForm(text: string, into: Record<string, string>, bad: Set<string>, encoding: BufferEncoding = 'utf8'): void {
  if (text.length > FORM_LIMIT_BYTES) throw new HttpError(500, `total query size (${text.length}) exceeds limit (${FORM_LIMIT_BYTES})`);
  const pairs = text.split(/[&;]/).filter((p) => p !== '');
  if (pairs.length > FORM_LIMIT_PAIRS)
    throw new HttpError(500, `total number of query parameters (${pairs.length}) exceeds limit (${FORM_LIMIT_PAIRS})`);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
    for (const part of [rawName, rawValue]) if (part !== undefined && BAD_ESCAPE.test(part)) throw new InvalidParameterError(part);
    const name = decode(rawName, encoding);
    const value = rawValue === undefined ? undefined : decode(rawValue, encoding);
    if (name.text === '') continue;
    // Rack gives a name without "=" the value nil, which every route treats as absent.
    if (!value) {
      delete into[name.text];
      bad.delete(name.text);
      continue;
    }
    into[name.text] = value.text;
    if (!value.utf8) bad.add(name.text);
    else bad.delete(name.text);
  }
}

// Percent-decoding to bytes; "+" is a space (malformed escapes were refused before).
function decode(s: string, encoding: BufferEncoding): { text: string; utf8: boolean } {
  const src = Buffer.from(s.replace(/\+/g, ' '), encoding);
  const out: number[] = [];
  const hex = (b: number): boolean => (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102);
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25 && i + 2 < src.length && hex(src[i + 1]) && hex(src[i + 2])) {
      out.push(Number.parseInt(src.toString('latin1', i + 1, i + 3), 16));
      i += 2;
    } else out.push(src[i]);
  }
  const buf = Buffer.from(out);
  return { text: buf.toString('utf8'), utf8: isUtf8(buf) };
}

/** The media type of a Content-Type header, lower case. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Rack parses the body as a form for these types, and for a POST without a Content-Type. */
export function isFormBody(method: string, mediaType: string): boolean {
  return (
    mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data' || (method === 'POST' && mediaType === '')
  );
}
