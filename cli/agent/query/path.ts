// The path syntax of `onegate-agent query` (README, "Query the cache"), parsed without I/O:
//   ROOT(.SEGMENT)*   ROOT: vm, service, vrouter, vnet, context (any case)
//   SEGMENT: bare text without "." or '"', or "quoted" (\" and \\ escape) for a key holding dots.
// A bare segment of digits is an index (or an ID under vnet); a quoted one is always a key.
import { quoteInput, redactArgument } from '../../../agent/redact';

/** The documents a path can start from. */
export const ROOTS = ['vm', 'service', 'vrouter', 'vnet', 'context'] as const;
export type Root = (typeof ROOTS)[number];

/** One step below the root. */
export interface Segment {
  /** The key, name or digits, unquoted. */
  text: string;
  /** A bare run of digits: an array index (a key too, when the value is an object). */
  index?: number;
}

/** A parsed path. */
export interface QueryPath {
  root: Root;
  segments: Segment[];
}

/** A path that does not parse; the message is one line naming the path and the position. */
export class QueryPathError extends Error {
  readonly code = 'QUERY_BAD_PATH';
}

/** Parses `text`; throws QueryPathError naming what is wrong. */
export function parsePath(text: string): QueryPath {
  const parts = splitSegments(text);
  const first = parts[0];
  const root = ROOTS.find((r) => !first.quoted && r === first.text.toLowerCase());
  if (!root) throw new QueryPathError(`${shown(text)}: starts with neither ${ROOTS.join(', ')}`);
  return {
    root,
    segments: parts.slice(1).map(({ text: t, quoted }) => (!quoted && /^\d+$/.test(t) ? { text: t, index: Number(t) } : { text: t })),
  };
}

function splitSegments(text: string): Array<{ text: string; quoted: boolean }> {
  const parts: Array<{ text: string; quoted: boolean }> = [];
  let at = 0;
  for (;;) {
    const segment = text[at] === '"' ? readQuoted(text, at) : readBare(text, at);
    parts.push(segment.part);
    at = segment.end;
    if (at === text.length) return parts;
    if (text[at] !== '.') throw new QueryPathError(`${shown(text)}: expected "." after the quoted key at character ${at + 1}`);
    at++;
  }
}

function readBare(text: string, start: number): { part: { text: string; quoted: boolean }; end: number } {
  let end = start;
  while (end < text.length && text[end] !== '.' && text[end] !== '"') end++;
  if (text[end] === '"') throw new QueryPathError(`${shown(text)}: a quote inside a key at character ${end + 1} (quote the whole key)`);
  if (end === start) throw new QueryPathError(`${shown(text)}: empty key at character ${start + 1}`);
  return { part: { text: text.slice(start, end), quoted: false }, end };
}

function readQuoted(text: string, start: number): { part: { text: string; quoted: boolean }; end: number } {
  let value = '';
  for (let at = start + 1; at < text.length; at++) {
    const c = text[at];
    if (c === '"') return { part: { text: value, quoted: true }, end: at + 1 };
    if (c === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\')) value += text[++at];
    else value += c;
  }
  throw new QueryPathError(`${shown(text)}: the quote at character ${start + 1} is not closed`);
}

/** The path as it would be typed: segments that need it quoted. */
export function formatPath(root: Root, segments: readonly Segment[]): string {
  return [root, ...segments.map(formatSegment)].join('.');
}

/** The path for a message: as formatPath, each segment escaped, clipped and a `SECRET=value` in it masked (agent/redact.ts). */
export function shownPath(root: Root, segments: readonly Segment[]): string {
  return [root, ...segments.map((s) => redactArgument(formatSegment(s), 60))].join('.');
}

function formatSegment(segment: Segment): string {
  if (segment.index !== undefined) return segment.text;
  const bare = segment.text !== '' && !/[."]/.test(segment.text) && !/^\d+$/.test(segment.text);
  return bare ? segment.text : `"${segment.text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// The path in a message: quoted, escaped and clipped as every input is (agent/redact.ts).
function shown(text: string): string {
  return quoteInput(text, 80);
}
