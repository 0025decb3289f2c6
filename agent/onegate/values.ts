// What the server can store (docs/onegate-protocol.md, "What the server can store"): checked before a PUT so a bad
// value is refused with a clear error instead of a 500 from oned or a silently different value.
import { OneGateError } from './errors';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Each entry: the characters the server's escaping or oned's parser break on, and a readable name.
const FORBIDDEN: Array<[RegExp, (m: string) => string]> = [
  [/\\n/, () => 'the two-character sequence \\n'],
  [/[,[\]"\\]/, (m) => `"${m}"`],
  [/\r/, () => 'CR (carriage return)'],
  [/\n/, () => 'a newline'],
  [/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, (m) => `control character U+${m.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`],
];

function refuse(key: string, character: string, what: string, hint?: string): OneGateError {
  return new OneGateError('ONEGATE_INVALID_VALUE', `attribute ${JSON.stringify(key)}: ${what}`, {
    key,
    character,
    hint,
  });
}

/** Throws ONEGATE_INVALID_VALUE unless `key` is a name oned stores unchanged (upper-casing aside). */
export function checkAttributeName(key: string): void {
  if (key === '') throw refuse(key, '', 'the name is empty');
  const bad = /[^A-Za-z0-9_]/.exec(key);
  if (bad) throw refuse(key, bad[0], `the name contains ${JSON.stringify(bad[0])}; names match [A-Za-z_][A-Za-z0-9_]*`);
  if (!NAME.test(key)) throw refuse(key, key[0]!, 'the name starts with a digit; oned would store it as ONE_' + key.toUpperCase());
  if (/^xml/i.test(key)) throw refuse(key, key.slice(0, 3), 'the name starts with XML; oned would store it as ONE_' + key.toUpperCase());
}

/** Throws ONEGATE_INVALID_VALUE unless `value` survives OneGate's escaping and oned's parser unchanged. */
export function checkAttributeValue(key: string, value: string): void {
  if (value === '') throw refuse(key, '', 'the value is empty; OneGate cannot store empty values (erase the attribute instead)');
  for (const [pattern, describe] of FORBIDDEN) {
    const m = pattern.exec(value);
    if (m) {
      throw refuse(
        key,
        m[0],
        `the value contains ${describe(m[0])} at offset ${m.index}, which OneGate cannot store`,
        'base64-encode values with , [ ] " \\ or line breaks',
      );
    }
  }
}

/**
 * Checks every name and value, and that no two names differ only in case (oned upper-cases names, so both
 * would land in one attribute). Returns the names upper-cased, in input order, paired with their values.
 */
export function validateAttributes(attrs: Record<string, string>): Array<[string, string]> {
  const seen = new Map<string, string>();
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(attrs)) {
    checkAttributeName(key);
    if (typeof value !== 'string') throw refuse(key, '', `the value is a ${typeof value}, not a string`);
    checkAttributeValue(key, value);
    const upper = key.toUpperCase();
    const earlier = seen.get(upper);
    if (earlier !== undefined) throw refuse(key, '', `the name is the same as ${JSON.stringify(earlier)} once upper-cased`);
    seen.set(upper, key);
    out.push([upper, value]);
  }
  return out;
}

/** The PUT text for {@link validateAttributes} output: one KEY=value per line, no blanks around "=". */
export function formatUpdateText(pairs: Array<[string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join('\n');
}
