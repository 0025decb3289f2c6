// Judges a status.json read by `onegate-agent status`: the file is written by another process (perhaps
// another version, perhaps truncated by a full disk, perhaps edited by hand), so every field the status
// command reads is checked before use and a damaged file is named with the first reason found.
import type { StatusDocument } from './status-document';

/** status.json exists but cannot be used; the message is "FILE: not a status file (why)". */
export class StatusFileError extends Error {
  /** Stable code to match on. */
  code = 'STATUS_INVALID' as const;
  /** The file concerned. */
  file: string;
  constructor(file: string, reason: string) {
    super(`${file}: not a status file (${reason})`);
    this.name = 'StatusFileError';
    this.file = file;
  }
}

type Check = (value: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v) => (typeof v === 'string' ? undefined : 'expected a string');
const time: Check = (v) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? undefined : 'expected an ISO time');
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'expected a whole number');
const positive: Check = (v) => (typeof v === 'number' && v > 0 ? undefined : 'expected a positive number');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const strings: Check = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : 'expected a list of strings');
const stringMap: Check = (v) =>
  isObject(v) && Object.values(v).every((s) => typeof s === 'string') ? undefined : 'expected a mapping of names to strings';
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null ? undefined : check(v);
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    allowed.includes(v as string) ? undefined : `expected one of ${allowed.join(', ')}`;

// An object whose listed fields pass their checks; a field ending in "?" may be absent.
function shape(fields: Record<string, Check>): Check {
  return (value) => {
    if (!isObject(value)) return 'expected an object';
    for (const [key, check] of Object.entries(fields)) {
      const name = key.replace(/\?$/, '');
      if (value[name] === undefined && key.endsWith('?')) continue;
      if (value[name] === undefined) return `${name}: missing`;
      const problem = check(value[name]);
      // A leaf says "expected ..."; a nested shape's problem starts with its own field path.
      if (problem) return problem.startsWith('expected') ? `${name}: ${problem}` : `${name}.${problem}`;
    }
    return undefined;
  };
}

const feature = {
  'lastSuccess?': time,
  'lastAttempt?': time,
  'disabled?': string,
  'lastError?': shape({ code: string, message: string, since: time, count }),
};

const document = shape({
  pid: (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'expected a process id'),
  version: string,
  startedAt: time,
  updatedAt: time,
  'stoppedAt?': time,
  configFile: orNull(string),
  overrides: strings,
  interval: positive,
  credentials: shape({
    'endpoint?': string,
    'vmid?': string,
    'source?': string,
    'endpointFrom?': string,
    'vmidFrom?': string,
    'tokenFrom?': string,
  }),
  'nextRun?': time,
  'nextPull?': time,
  push: shape({
    ...feature,
    enabled: boolean,
    pending: strings,
    'erasing?': strings,
    'retryAt?': time,
    'refused?': stringMap,
    'sourceWarnings?': stringMap,
  }),
  pull: shape({ ...feature, enabled: boolean }),
  ready: shape({
    ...feature,
    status: oneOf('off', 'pending', 'running', 'failing', 'reported'),
    'reportedAt?': time,
    attempts: count,
    'retryAt?': time,
    'waitsFor?': string,
  }),
  'health?': shape({
    ...feature,
    status: oneOf('OK', 'FAIL', 'UNKNOWN'),
    'reason?': string,
    'published?': string,
    checks: (v) =>
      Array.isArray(v)
        ? v.map(shape({ name: string, status: oneOf('OK', 'FAIL', 'UNKNOWN'), misses: count, 'lastRun?': time })).find(Boolean)
        : 'expected a list',
  }),
  'lb?': shape({ ...feature, published: strings, withheld: strings }),
  context: shape(feature),
  process: shape({ rssBytes: count, cpuUserMs: count, cpuSystemMs: count }),
});

/** Parses and checks the text of `file`; throws StatusFileError naming the first problem. */
export function parseStatus(file: string, text: string): StatusDocument {
  if (text.trim() === '') throw new StatusFileError(file, 'empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StatusFileError(file, jsonProblem(text, (err as Error).message));
  }
  const problem = document(value);
  if (problem) throw new StatusFileError(file, problem === 'expected an object' ? 'not a JSON object' : problem);
  return value as StatusDocument;
}

// Where the JSON breaks, without quoting the file (V8's message may quote it, control bytes and all).
function jsonProblem(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at) return /end of JSON/.test(message) ? 'invalid JSON: it ends early' : 'invalid JSON';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `invalid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
