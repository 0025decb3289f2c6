// Attributes from Prometheus text files (*.prom) in one directory, node_exporter's textfile collector convention:
// programs write a file atomically (write a dot-file, rename) and every cycle reads what is there. Gauges and
// untyped samples become attributes; counters, histograms and summaries are skipped, a rate or a distribution
// being nothing a VM template can hold. The naming is in docs/metrics.md ("Prometheus text files").
import { readDropDirectory } from './drop-directory';
import { type PromFamily, type PromSample, PromTextError, parsePromText } from './prom-text';
import type { AttributeSet } from './types';

/** Bytes read per file; a larger file is skipped. */
export const MAX_TEXTFILE_BYTES = 256 * 1024;
/** Files read per cycle; the rest are skipped with one problem line. */
export const MAX_TEXTFILE_FILES = 100;
/** Attributes taken from all files together; the rest are skipped with one problem line. */
export const MAX_TEXTFILE_ATTRIBUTES = 200;
/** Longest attribute name made from a sample; a longer one is skipped. */
export const MAX_TEXTFILE_NAME = 128;

const TAKEN = new Set(['gauge', 'untyped']);

/** Reads every `*.prom` file of `dir`; a missing directory gives an empty set. */
export function readTextfileDirectory(dir: string): AttributeSet {
  const set = readDropDirectory(
    dir,
    { kind: 'textfile', suffix: '.prom', maxFiles: MAX_TEXTFILE_FILES, maxBytes: MAX_TEXTFILE_BYTES },
    attributesFromPromText,
  );
  const names = Object.keys(set.values);
  if (names.length <= MAX_TEXTFILE_ATTRIBUTES) return set;
  for (const name of names.slice(MAX_TEXTFILE_ATTRIBUTES)) {
    delete set.values[name];
    delete set.sources?.[name];
  }
  set.problems.push(
    `${dir}: more than ${MAX_TEXTFILE_ATTRIBUTES} gauges in *.prom files; ${names.length - MAX_TEXTFILE_ATTRIBUTES} skipped`,
  );
  return set;
}

/** The attributes of one exposition text; a text the format does not allow gives none and one problem line. */
export function attributesFromPromText(text: string, path: string): AttributeSet {
  let families: PromFamily[];
  try {
    families = parsePromText(text);
  } catch (e) {
    if (e instanceof PromTextError) {
      const why = `${path}:${e.message.replace(/^line /, '')}`;
      return { values: {}, problems: [`${why}; file skipped`], failed: { [path]: why } };
    }
    throw e;
  }
  const set: AttributeSet = { values: {}, problems: [] };
  const lineOf = new Map<string, number>();
  for (const family of families) {
    if (!TAKEN.has(family.type)) {
      set.problems.push(`${path}: ${family.name} is a ${family.type}; skipped (only gauges and untyped samples become attributes)`);
      continue;
    }
    for (const sample of family.samples) addSample(set, sample, `${path}:${sample.line}`, lineOf);
  }
  return set;
}

function addSample(set: AttributeSet, sample: PromSample, where: string, lineOf: Map<string, number>): void {
  const name = attributeNameOf(sample);
  const why = refusal(name, sample, lineOf.get(name));
  if (why) {
    set.problems.push(`${where}: ${sample.name}${labelText(sample)} ${why}; skipped`);
    return;
  }
  lineOf.set(name, sample.line);
  set.values[name] = sample.value;
}

/** Why a sample cannot be the attribute `name` (`earlier`: the line that already made it), else undefined. */
function refusal(name: string, sample: PromSample, earlier: number | undefined): string | undefined {
  if (name.length > MAX_TEXTFILE_NAME) return `makes a name longer than ${MAX_TEXTFILE_NAME} characters`;
  if (!Number.isFinite(sample.value)) return `is ${sample.value}`;
  if (earlier !== undefined) return `makes the name ${name}, as line ${earlier} does`;
  return undefined;
}

/**
 * The OneGate name of a sample: the metric name, then each label's value in label-name order, joined by "_",
 * upper-cased, every run of other characters than letters and digits made one "_" ("/" alone is ROOT, as in
 * DISK_USED_ROOT). `queue_depth{queue="mail"}` -> QUEUE_DEPTH_MAIL; `fs_free{mount="/var/log"}` -> FS_FREE_VAR_LOG.
 */
export function attributeNameOf(sample: Pick<PromSample, 'name' | 'labels'>): string {
  const values = [...sample.labels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => (value === '/' ? 'ROOT' : value));
  return [sample.name, ...values]
    .map((part) =>
      part
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^_+|_+$/g, ''),
    )
    .filter((part) => part !== '')
    .join('_');
}

function labelText(sample: PromSample): string {
  const text = sample.labels.length === 0 ? '' : `{${sample.labels.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}}`;
  return text.length > 80 ? `${text.slice(0, 76)}...}` : text;
}
