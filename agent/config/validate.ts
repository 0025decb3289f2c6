// Checks a parsed YAML value against the schema and fills in defaults. Pure: the caller adds file and line.
import { type AnyKey, defaultValue, type LeafKey, type SectionKey } from '../schema/keys';

/** One problem, located by its key path (e.g. ["push", "decimals"] or ["attributes", "commands", 0, "timeout"]). */
export interface ConfigProblem {
  /** Key path from the root. */
  path: (string | number)[];
  /** What was expected there, e.g. "an integer from 0 to 6". */
  expected: string;
  /** Short rendering of what was found. */
  got: string;
}

/** Validates `value` (undefined = absent) against `key`; returns the value with defaults and the problems found. */
export function validate(
  key: AnyKey,
  value: unknown,
  path: (string | number)[] = [],
  problems: ConfigProblem[] = [],
): { value: unknown; problems: ConfigProblem[] } {
  if (value === undefined || value === null) return { value: defaultValue(key), problems };
  switch (key.kind) {
    case 'section':
      return { value: validateSection(key, value, path, problems), problems };
    case 'map': {
      if (!isObject(value)) return fail(key, value, path, problems, 'a mapping of names to settings');
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        if (key.names && !key.names.includes(name)) {
          problems.push({ path: [...path, name], expected: `one of the names ${key.names.join(', ')}`, got: 'an unknown name' });
        } else {
          out[name] = validate(key.value, sub, [...path, name], problems).value;
        }
      }
      return { value: out, problems };
    }
    case 'list': {
      if (!Array.isArray(value)) return fail(key, value, path, problems, 'a list');
      return { value: value.map((item, i) => validate(key.item, item, [...path, i], problems).value), problems };
    }
    default: {
      const expected = checkLeaf(key, value);
      if (expected) return fail(key, value, path, problems, expected);
      return { value: key.kind === 'string-list' || key.kind === 'string-map' ? structuredClone(value) : value, problems };
    }
  }
}

function validateSection(key: SectionKey, value: unknown, path: (string | number)[], problems: ConfigProblem[]): unknown {
  if (!isObject(value)) return fail(key, value, path, problems, 'a mapping of keys').value;
  const before = problems.length;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(key.keys)) out[name] = validate(sub, value[name], [...path, name], problems).value;
  for (const [name, v] of Object.entries(value)) {
    if (Object.hasOwn(key.keys, name)) continue;
    if (key.open) out[name] = v;
    else problems.push({ path: [...path, name], expected: `one of the keys ${Object.keys(key.keys).join(', ')}`, got: 'an unknown key' });
  }
  // Rules across keys only judge a section whose keys are each valid, so one mistake gives one message.
  if (key.check && problems.length === before) {
    for (const p of key.check(out as never)) problems.push({ ...p, path: [...path, ...p.path] });
  }
  return out;
}

/** Returns what was expected when `value` does not fit the leaf `key`, else undefined. */
export function checkLeaf(key: LeafKey, value: unknown): string | undefined {
  switch (key.kind) {
    case 'integer':
      return Number.isInteger(value) && (value as number) >= key.min && (value as number) <= key.max
        ? undefined
        : `an integer from ${key.min} to ${key.max}`;
    case 'number':
      return typeof value === 'number' && value >= key.min && value <= key.max ? undefined : `a number from ${key.min} to ${key.max}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'string':
      if (key.values) return key.values.includes(value as string) ? undefined : `one of ${key.values.join(', ')}`;
      if (key.pattern !== undefined)
        return typeof value === 'string' && new RegExp(key.pattern).test(value)
          ? undefined
          : (key.patternText ?? `a string matching ${key.pattern}`);
      return typeof value === 'string' ? undefined : 'a string';
    case 'string-list': {
      const pattern = key.pattern === undefined ? undefined : new RegExp(key.pattern);
      const fits = (v: unknown) => typeof v === 'string' && (!pattern || pattern.test(v));
      if (Array.isArray(value) && value.every(fits)) return undefined;
      return key.patternText ? `a list of ${key.patternText}` : 'a list of strings';
    }
    case 'string-map':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'string')
        ? undefined
        : 'a mapping of names to strings (quote numbers)';
  }
}

function fail(key: AnyKey, value: unknown, path: (string | number)[], problems: ConfigProblem[], expected: string) {
  problems.push({ path, expected, got: describe(value) });
  return { value: defaultValue(key), problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a found value for messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value) && !value.every((v) => v === null || typeof v !== 'object')) return 'a list';
  if (isObject(value)) return 'a mapping';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
