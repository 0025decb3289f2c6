// Prometheus's text exposition format (version 0.0.4, what node_exporter's textfile collector reads), parsed
// without I/O: `# HELP` and `# TYPE` lines, other comments, and samples `name{label="value",...} value [timestamp]`.
// A line the format does not allow makes the whole text invalid, as it does for node_exporter.

/** One sample line. */
export interface PromSample {
  /** The sample's metric name, e.g. "http_request_duration_seconds_bucket". */
  name: string;
  /** Labels in the order written, values unescaped. */
  labels: Array<[string, string]>;
  /** The value; NaN and infinities as JavaScript numbers. */
  value: number;
  /** 1-based line number. */
  line: number;
}

/** Samples of one metric family with its declared type. */
export interface PromFamily {
  /** The family name (the TYPE line's), e.g. "http_request_duration_seconds". */
  name: string;
  /** counter, gauge, histogram, summary or untyped (no TYPE line). */
  type: string;
  /** Its samples in file order. */
  samples: PromSample[];
}

/** A line the format does not allow. */
export class PromTextError extends Error {
  /** 1-based line number. */
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'PromTextError';
    this.line = line;
  }
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const WHOLE_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const ESCAPES: Record<string, string> = { n: '\n', '\\': '\\', '"': '"' };
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
// Go's ParseFloat as expfmt uses it, less the hexadecimal forms nobody writes by hand.
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI]nf(?:inity)?|[nN]a[nN])$/;
// Samples whose family is named without the suffix.
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

/** Parses a whole exposition text into families in order of first appearance; throws PromTextError. */
export function parsePromText(text: string): PromFamily[] {
  const types = new Map<string, string>();
  const families = new Map<string, PromFamily>();
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index]!;
    const trimmed = raw.replace(/\r$/, '').trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      readComment(trimmed, line, types, families);
      continue;
    }
    const sample = parseSample(trimmed, line);
    const key = JSON.stringify([sample.name, [...sample.labels].sort(([a], [b]) => (a < b ? -1 : 1))]);
    if (seen.has(key)) throw new PromTextError(line, `${sample.name}: the same series twice`);
    seen.add(key);
    const family = familyOf(sample.name, types);
    const entry = families.get(family.name) ?? { ...family, samples: [] };
    families.set(family.name, entry);
    entry.samples.push(sample);
  }
  return [...families.values()];
}

function readComment(text: string, line: number, types: Map<string, string>, families: Map<string, PromFamily>): void {
  const words = text
    .slice(1)
    .trim()
    .split(/[ \t]+/);
  if (words[0] !== 'TYPE') return; // HELP and free comments carry nothing an attribute needs
  const [, name, type, ...rest] = words;
  if (!name || !WHOLE_METRIC_NAME.test(name)) throw new PromTextError(line, 'TYPE without a valid metric name');
  if (!type || !TYPES.has(type) || rest.length > 0) throw new PromTextError(line, `${name}: TYPE must be one of ${[...TYPES].join(', ')}`);
  if (types.has(name)) throw new PromTextError(line, `${name}: a second TYPE line`);
  if (families.has(name)) throw new PromTextError(line, `${name}: TYPE after its samples`);
  types.set(name, type);
}

function familyOf(sample: string, types: Map<string, string>): Omit<PromFamily, 'samples'> {
  const declared = types.get(sample);
  if (declared) return { name: sample, type: declared };
  for (const [type, suffixes] of Object.entries(SUFFIXES)) {
    const suffix = suffixes.find((s) => sample.endsWith(s) && types.get(sample.slice(0, -s.length)) === type);
    if (suffix) return { name: sample.slice(0, -suffix.length), type };
  }
  return { name: sample, type: 'untyped' };
}

function parseSample(text: string, line: number): PromSample {
  const name = METRIC_NAME.exec(text)?.[0];
  if (!name) throw new PromTextError(line, `not a sample: ${JSON.stringify(clip(text))}`);
  let rest = text.slice(name.length);
  let labels: Array<[string, string]> = [];
  if (rest.startsWith('{')) [labels, rest] = parseLabels(rest.slice(1), name, line);
  const fields = rest.trim().split(/[ \t]+/);
  if (!/^[ \t]/.test(rest) || fields.length > 2 || fields[0] === '')
    throw new PromTextError(line, `${name}: expected a value and an optional timestamp after the name and labels`);
  if (!FLOAT.test(fields[0]!)) throw new PromTextError(line, `${name}: ${JSON.stringify(clip(fields[0]!))} is not a number`);
  if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1]))
    throw new PromTextError(line, `${name}: ${JSON.stringify(clip(fields[1]))} is not a timestamp`);
  return { name, labels, value: parseFloatText(fields[0]!), line };
}

/** Reads `a="x",b="y"}` (after the brace); returns the labels and the text after the closing brace. */
function parseLabels(text: string, metric: string, line: number): [Array<[string, string]>, string] {
  const labels: Array<[string, string]> = [];
  let rest = text.trimStart();
  while (!rest.startsWith('}')) {
    const label = LABEL_NAME.exec(rest)?.[0];
    if (!label) throw new PromTextError(line, `${metric}: expected a label name or "}"`);
    rest = rest.slice(label.length).trimStart();
    if (!rest.startsWith('="') && !rest.startsWith('= "')) throw new PromTextError(line, `${metric}: label ${label} needs ="value"`);
    const [value, after] = readQuoted(rest.slice(rest.indexOf('"') + 1), metric, line);
    if (labels.some(([n]) => n === label)) throw new PromTextError(line, `${metric}: label ${label} given twice`);
    labels.push([label, value]);
    rest = after.trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (!rest.startsWith('}')) throw new PromTextError(line, `${metric}: expected "," or "}" after label ${label}`);
  }
  return [labels, rest.slice(1)];
}

/** Reads a label value up to its closing quote, undoing \\, \" and \n. */
function readQuoted(text: string, metric: string, line: number): [string, string] {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return [value, text.slice(i + 1)];
    if (c !== '\\') {
      value += c;
      continue;
    }
    const escaped = ESCAPES[text[++i] ?? ''];
    if (escaped !== undefined) value += escaped;
    else throw new PromTextError(line, `${metric}: a label value has an unknown escape "\\${text[i] ?? ''}"`);
  }
  throw new PromTextError(line, `${metric}: a label value has no closing quote`);
}

function parseFloatText(text: string): number {
  if (/nan/i.test(text)) return Number.NaN;
  if (/inf/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
