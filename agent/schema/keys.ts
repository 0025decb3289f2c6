// Building blocks of a configuration schema. Each key is a plain object (kind, default, description) so that
// validation, the packaged sample and the docs are all generated from the one schema, and the TypeScript type
// of a loaded configuration is derived from it (ConfigOf) instead of being written twice. A floor of its own:
// agent/config/schema.ts assembles the schema, and each collector (agent/metrics/) declares its own section.

/** Fields every key has. */
interface KeyBase {
  /** One sentence for the sample file and the docs. */
  description: string;
  /** Context variable that overrides this key (documented subset). */
  context?: string;
}

/** A whole number, bounded. */
export interface IntegerKey extends KeyBase {
  kind: 'integer';
  default: number;
  min: number;
  max: number;
}
/** A decimal number, bounded. */
export interface NumberKey extends KeyBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
}
/** A string, optionally one of a fixed list or matching a pattern. */
export interface StringKey extends KeyBase {
  kind: 'string';
  default: string;
  values?: readonly string[];
  /** The value must match this regular expression (source), described by patternText. */
  pattern?: string;
  patternText?: string;
}
/** true or false. */
export interface BooleanKey extends KeyBase {
  kind: 'boolean';
  default: boolean;
}
/** A list of strings. */
export interface StringListKey extends KeyBase {
  kind: 'string-list';
  default: string[];
  example?: string[];
  /** Every item must match this regular expression (source), described by patternText. */
  pattern?: string;
  patternText?: string;
}
/** A mapping of names to strings. */
export interface StringMapKey extends KeyBase {
  kind: 'string-map';
  default: Record<string, string>;
  example?: Record<string, string>;
}
/** A group of keys; unknown keys inside are errors unless `open` (then passed through as-is). */
export interface SectionKey<K extends Keys = Keys> extends KeyBase {
  kind: 'section';
  keys: K;
  open?: boolean;
  /** Rules across keys (exactly one of, required, unique), run on the section's valid value with defaults filled in. */
  check?: (value: never) => RuleProblem[];
}

/** A rule a section's value breaks; `path` is relative to the section (empty: the section itself). */
export interface RuleProblem {
  path: (string | number)[];
  /** What was expected, e.g. "exactly one of http, tcp or command". */
  expected: string;
  /** Short rendering of what was found. */
  got: string;
}
/** A mapping of names (free, or from a fixed list) to values of the same shape. */
export interface MapKey<V extends AnyKey = AnyKey> extends KeyBase {
  kind: 'map';
  value: V;
  example?: Record<string, unknown>;
  /** The allowed names; any name when absent. */
  names?: readonly string[];
}
/** A list of sections of the same shape. */
export interface ListKey<V extends SectionKey = SectionKey> extends KeyBase {
  kind: 'list';
  item: V;
  example?: unknown[];
}

export type LeafKey = IntegerKey | NumberKey | StringKey | BooleanKey | StringListKey | StringMapKey;
export type AnyKey = LeafKey | SectionKey | MapKey | ListKey;
export type Keys = Record<string, AnyKey>;

/** The value type a key produces once loaded. */
export type ValueOf<K> = K extends IntegerKey | NumberKey
  ? number
  : K extends StringKey
    ? string
    : K extends BooleanKey
      ? boolean
      : K extends StringListKey
        ? string[]
        : K extends StringMapKey
          ? Record<string, string>
          : K extends SectionKey<infer S>
            ? ConfigOf<S> & (K extends { open: true } ? Record<string, unknown> : unknown)
            : K extends MapKey<infer V>
              ? Record<string, ValueOf<V>>
              : K extends ListKey<infer V>
                ? ValueOf<V>[]
                : never;

/** The loaded configuration type of a set of keys. */
export type ConfigOf<S extends Keys> = { [P in keyof S]: ValueOf<S[P]> };

type Extra<K> = Omit<K, 'kind' | 'default' | 'description'>;

export function integer(def: number, description: string, extra: Extra<IntegerKey>): IntegerKey {
  return { kind: 'integer', default: def, description, ...extra };
}
export function number(def: number, description: string, extra: Extra<NumberKey>): NumberKey {
  return { kind: 'number', default: def, description, ...extra };
}
export function string(def: string, description: string, extra: Extra<StringKey> = {}): StringKey {
  return { kind: 'string', default: def, description, ...extra };
}
export function boolean(def: boolean, description: string, extra: Extra<BooleanKey> = {}): BooleanKey {
  return { kind: 'boolean', default: def, description, ...extra };
}
export function stringList(def: string[], description: string, extra: Extra<StringListKey> = {}): StringListKey {
  return { kind: 'string-list', default: def, description, ...extra };
}
export function stringMap(description: string, extra: Extra<StringMapKey> = {}): StringMapKey {
  return { kind: 'string-map', default: {}, description, ...extra };
}
export function section<K extends Keys>(description: string, keys: K, open?: boolean): SectionKey<K> {
  return { kind: 'section', description, keys, ...(open ? { open } : {}) };
}
export function mapOf<V extends AnyKey>(
  description: string,
  value: V,
  example?: Record<string, unknown>,
  names?: readonly string[],
): MapKey<V> {
  return { kind: 'map', description, value, ...(example ? { example } : {}), ...(names ? { names } : {}) };
}
/** `key` with a rule across its keys. */
export function withRules<K extends Keys>(key: SectionKey<K>, check: (value: ConfigOf<K>) => RuleProblem[]): SectionKey<K> {
  return { ...key, check };
}
export function listOf<V extends SectionKey>(description: string, item: V, example?: unknown[]): ListKey<V> {
  return { kind: 'list', description, item, ...(example ? { example } : {}) };
}

/** The default value of a key (sections recursively; maps and lists start empty). */
export function defaultOf<K extends AnyKey>(key: K): ValueOf<K> {
  return defaultValue(key) as ValueOf<K>;
}

/** defaultOf without the derived type, for code that handles keys generically. */
export function defaultValue(key: AnyKey): unknown {
  if (key.kind === 'section') {
    return Object.fromEntries(Object.entries(key.keys).map(([name, sub]) => [name, defaultValue(sub)]));
  }
  if (key.kind === 'map') return {};
  if (key.kind === 'list') return [];
  return structuredClone(key.default);
}
