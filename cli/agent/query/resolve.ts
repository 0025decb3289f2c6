// Walks a parsed query path through a document, forgiving where OneGate's XML-made JSON is not regular
// (README, "Query the cache"): a key is matched as typed, then as a key with dots (a.b for "a.b"), then
// case-insensitively when only one key matches; a list is entered by index or by the name of an element
// (`name` or `NAME`, as service roles and NICs have), and so is an object keyed by IDs (the vnet root); a list of one element may be passed over (NIC.IP is
// NIC.0.IP when there is one NIC); and an object stands for a list of itself (APP.0.PORT is APP.PORT),
// since oned sends a repeated element that occurs once as an object.
import { printable } from '../../../agent/printable';
import { quoteInput } from '../../../agent/redact';
import { type Root, type Segment, shownPath } from './path';

/** The outcome of resolving one path. */
export type Resolution =
  /** `keys`: the object keys taken, as they are spelled in the document. */
  | { found: true; value: unknown; keys: string[] }
  /** `deepest`: the longest prefix of the path that exists; `why`: one phrase on why the next step does not. */
  | { found: false; deepest: string; why: string };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How many keys or names a message lists before "…". */
const LISTED = 12;

/**
 * Resolves `segments` from `value`, the document of `root`. `wrapper` (VM, SERVICE, ...) is the key
 * the document was wrapped in: typed as the first segment, it is passed over.
 */
export function resolvePath(root: Root, value: unknown, segments: readonly Segment[], wrapper?: string): Resolution {
  const rest = [...segments];
  if (wrapper && rest[0]?.text.toUpperCase() === wrapper && !(isObject(value) && findKey(value, rest[0].text))) rest.shift();
  const taken: Segment[] = [];
  const keys: string[] = [];
  let current = value;
  while (rest.length > 0) {
    const step = stepInto(current, rest);
    if ('why' in step) return { found: false, deepest: shownPath(root, taken), why: step.why };
    current = step.value;
    if (step.key !== undefined) keys.push(step.key);
    taken.push(...rest.splice(0, step.used ?? 1));
  }
  return { found: true, value: current, keys };
}

/** One step: the value reached, the key taken, how many segments it used (1 unless a dotted key). */
type Step = { value: unknown; key?: string; used?: number } | { why: string };

function stepInto(current: unknown, rest: Segment[]): Step {
  if (Array.isArray(current)) return stepIntoList(current, rest);
  if (isObject(current)) return stepIntoObject(current, rest);
  return { why: `is a value (${quoteInput(String(current))}), not a structure` };
}

function stepIntoObject(obj: Obj, rest: Segment[]): Step {
  const segment = rest[0];
  if (Object.hasOwn(obj, segment.text)) return { value: obj[segment.text], key: segment.text };
  const dotted = dottedKey(obj, rest);
  if (dotted) return { value: obj[dotted.key], ...dotted };
  const key = findKey(obj, segment.text);
  if (key !== undefined) return { value: obj[key], key };
  // A single element stands for a list of itself: index 0, or its own name, is the element.
  if (segment.index === 0 || (segment.index === undefined && sameName(nameOf(obj), segment.text))) return { value: obj };
  const names = Object.keys(obj);
  // An object keyed by IDs (the vnet root: network ID -> document) is entered by a member's name too.
  if (segment.index === undefined && names.length > 0 && names.every((k) => /^\d+$/.test(k))) {
    const named = findNamed(Object.values(obj), segment.text);
    if (named !== undefined) return { value: named, key: names.find((k) => obj[k] === named) };
    const members = Object.values(obj)
      .map(nameOf)
      .filter((n): n is string => n !== undefined);
    if (members.length > 0)
      return { why: `has no ID or name ${quoteInput(segment.text)} (IDs: ${listed(names)}; names: ${listed(members)})` };
  }
  if (segment.index !== undefined && !names.some((k) => /^\d+$/.test(k))) return { why: 'is a single element: only index 0 addresses it' };
  if (names.length === 0) return { why: `is empty, no ${quoteInput(segment.text)}` };
  return { why: `has no ${quoteInput(segment.text)} (keys: ${listed(names)})` };
}

// An unquoted key with dots (vm.USER_TEMPLATE.app.version for the key "app.version"): the longest run
// of the remaining segments that is a key as typed.
function dottedKey(obj: Obj, rest: Segment[]): { key: string; used: number } | undefined {
  for (let used = rest.length; used >= 2; used--) {
    const key = rest
      .slice(0, used)
      .map((s) => s.text)
      .join('.');
    if (Object.hasOwn(obj, key)) return { key, used };
  }
  return undefined;
}

function stepIntoList(list: unknown[], rest: Segment[]): Step {
  const segment = rest[0];
  if (list.length === 0) return { why: 'is an empty list' };
  if (segment.index !== undefined) {
    if (segment.index < list.length) return { value: list[segment.index] };
    return { why: `has ${list.length} element${list.length === 1 ? '' : 's'} (index 0 to ${list.length - 1})` };
  }
  const named = findNamed(list, segment.text);
  if (named !== undefined) return { value: named };
  if (list.length === 1) return stepInto(list[0], rest);
  const names = list.map(nameOf).filter((n): n is string => n !== undefined);
  const pick = names.length > 0 ? `names: ${listed(names)}` : `pick one by index, 0 to ${list.length - 1}`;
  return { why: `is a list of ${list.length} with no element named ${quoteInput(segment.text)} (${pick})` };
}

// As typed, else the one key equal ignoring case (two such keys: ambiguous, so none).
function findKey(obj: Obj, text: string): string | undefined {
  if (Object.hasOwn(obj, text)) return text;
  const matches = Object.keys(obj).filter((k) => sameName(k, text));
  return matches.length === 1 ? matches[0] : undefined;
}

function findNamed(list: unknown[], text: string): unknown {
  const exact = list.find((el) => nameOf(el) === text);
  if (exact !== undefined) return exact;
  const matches = list.filter((el) => sameName(nameOf(el), text));
  return matches.length === 1 ? matches[0] : undefined;
}

function sameName(name: string | undefined, text: string): boolean {
  return name !== undefined && name.toLowerCase() === text.toLowerCase();
}

function nameOf(el: unknown): string | undefined {
  if (!isObject(el)) return undefined;
  const name = el.name ?? el.NAME;
  return typeof name === 'string' ? name : undefined;
}

function listed(names: string[]): string {
  const shown = names.slice(0, LISTED).map((n) => printable(n, 40));
  return `${shown.join(', ')}${names.length > LISTED ? `, … ${names.length - LISTED} more` : ''}`;
}
