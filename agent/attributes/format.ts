// Turning collected values into what PUT /vm sends: server-valid upper-case names and OneFlow-friendly numbers.
// OneFlow elasticity rules read a value with Ruby's to_f and compare it with literals of the form -?[0-9]+(.[0-9]+)?,
// so numbers are written plainly: fixed decimals, never an exponent, never "-0".
import { checkAttributeName, checkAttributeValue } from '../onegate/values';

/** Names OneGate refuses to modify (its default :restricted_attrs); a PUT carrying one fails whole with 403. */
export const RESTRICTED_ATTRIBUTES = ['SCHED_REQUIREMENTS', 'SERVICE_ID', 'ROLE_NAME'];

/** How names and numbers are written; the daemon maps `push.prefix` and `push.decimals` to it. */
export interface FormatOptions {
  /** Put before every name, e.g. "GUEST_"; default "". */
  prefix?: string;
  /** Digits after the decimal point of every number; default 2. */
  decimals?: number;
}

/** The attributes ready to send, and those dropped with the reason. */
export interface FormattedAttributes {
  /** Final name -> value text, in input order. */
  attributes: Record<string, string>;
  /** One line per dropped attribute, naming it and what is wrong. */
  problems: string[];
  /** Final names dropped for being on RESTRICTED_ATTRIBUTES (the push names them once, as the server's refusals). */
  restricted: string[];
  /** Final name -> the input key it was made from, for every attribute kept. */
  keys: Record<string, string>;
}

/** A number as plain fixed-point text; undefined for NaN and infinities. */
export function formatNumber(n: number, decimals: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  // toFixed switches to exponent notation from 1e21 on; such values are integers anyway.
  const text = Math.abs(n) < 1e21 ? n.toFixed(decimals) : BigInt(n).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The name an input key is pushed under: prefixed and upper-cased. */
export function attributeName(key: string, options: FormatOptions = {}): string {
  return `${options.prefix ?? ''}${key}`.toUpperCase();
}

/** Prefixes and upper-cases names, formats numbers, and drops (reporting) what the server would refuse. */
export function formatAttributes(values: Record<string, number | string>, options: FormatOptions = {}): FormattedAttributes {
  const decimals = options.decimals ?? 2;
  const out: FormattedAttributes = { attributes: {}, problems: [], restricted: [], keys: {} };
  for (const [key, raw] of Object.entries(values)) {
    const name = attributeName(key, options);
    try {
      checkAttributeName(name);
      if (RESTRICTED_ATTRIBUTES.includes(name)) {
        out.restricted.push(name);
        continue;
      }
      if (Object.hasOwn(out.attributes, name)) throw new Error(`attribute "${name}": given twice (names differ only in case)`);
      const text = typeof raw === 'number' ? formatNumber(raw, decimals) : raw;
      if (text === undefined) throw new Error(`attribute "${name}": ${raw} is not a finite number`);
      checkAttributeValue(name, text);
      out.attributes[name] = text;
      out.keys[name] = key;
    } catch (e) {
      out.problems.push((e as Error).message);
    }
  }
  return out;
}
