// Context variables that override configuration keys (the keys whose schema entry names a `context`
// variable), so that an operator can tune agents from the VM template. A context value wins over the
// file; a value that does not fit the key is ignored with a warning, never fatal.
import type { AnyKey, LeafKey } from '../schema/keys';
import { type AgentConfig, rootSection } from './schema';
import { checkLeaf } from './validate';

/** One overridable key. */
export interface OverridableKey {
  /** Key path, e.g. ["push", "prefix"]. */
  path: string[];
  /** The context variable, e.g. ONEGATE_AGENT_INTERVAL. */
  variable: string;
  /** The key's schema entry. */
  key: LeafKey;
}

/** Every key that a context variable can override, in schema order. */
export function overridableKeys(): OverridableKey[] {
  const out: OverridableKey[] = [];
  const walk = (key: AnyKey, path: string[]): void => {
    if (key.kind === 'section') for (const [name, sub] of Object.entries(key.keys)) walk(sub, [...path, name]);
    else if (key.kind !== 'map' && key.kind !== 'list' && key.context) out.push({ path, variable: key.context, key });
  };
  walk(rootSection, []);
  return out;
}

/** What applying the overrides did. */
export interface OverrideResult {
  config: AgentConfig;
  /** "interval=30 (ONEGATE_AGENT_INTERVAL)" for each applied override. */
  applied: string[];
  /** One message per ignored, invalid value. */
  rejected: string[];
}

/** Returns a copy of `config` with the context overrides found in `vars` applied. */
export function applyContextOverrides(config: AgentConfig, vars: Record<string, string>): OverrideResult {
  const out = structuredClone(config) as unknown as Record<string, unknown>;
  const applied: string[] = [];
  const rejected: string[] = [];
  for (const { path, variable, key } of overridableKeys()) {
    const text = vars[variable];
    if (text === undefined || text.trim() === '') continue;
    const value = parseOverride(key, text.trim());
    const expected = checkLeaf(key, value);
    if (expected !== undefined) {
      rejected.push(`context variable ${variable}="${text}" ignored: expected ${expected}`);
      continue;
    }
    let parent = out;
    for (const name of path.slice(0, -1)) parent = parent[name] as Record<string, unknown>;
    parent[path[path.length - 1]] = value;
    applied.push(`${path.join('.')}=${JSON.stringify(value)} (${variable})`);
  }
  return { config: out as unknown as AgentConfig, applied, rejected };
}

function parseOverride(key: LeafKey, text: string): unknown {
  switch (key.kind) {
    case 'integer':
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : text;
    case 'boolean':
      if (/^(yes|true|on|1)$/i.test(text)) return true;
      if (/^(no|false|off|0)$/i.test(text)) return false;
      return text;
    case 'string-list':
      return text.split(/[\s,]+/).filter(Boolean);
    default:
      return text;
  }
}
