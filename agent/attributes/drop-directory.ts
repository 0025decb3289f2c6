// A directory other programs drop files into, as node_exporter's textfile collector reads one: files with one
// suffix, read in name order; dot-files skipped so writers can "write .tmp, rename" for atomic updates. Anyone
// could set the VM's attributes through a world-writable directory or file, so those are refused. Each file is
// a source of its own ("<kind>:<name>"); one that cannot be read, or a directory that cannot, is reported as
// failed, so its attributes are kept rather than erased (agent/state/owned.ts). A file removed is gone.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readProc } from '../metrics/read-proc';
import { CollectError, NoDataError } from '../metrics/types';
import { failedSource, fromSource, mergeAttributeSets } from './parse';
import type { AttributeSet } from './types';

/** Which files are read and how much of them. */
export interface DropLimits {
  /** The source kind of its files, e.g. "file": the source of app.attrs is "file:app.attrs". */
  kind: string;
  /** File name suffix, e.g. ".attrs". */
  suffix: string;
  /** Files read per call; the rest are skipped with one problem line. */
  maxFiles: number;
  /** Bytes read per file; a larger file is skipped. */
  maxBytes: number;
}

/** Parses one file's text; `path` locates its problems. A text rejected whole returns a `failed` entry (any key): the file's failure. */
export type ParseDropFile = (text: string, path: string) => AttributeSet;

/** Reads and parses every matching file of `dir`, merged in name order (a later file wins); a missing directory gives an empty set. */
export function readDropDirectory(dir: string, limits: DropLimits, parse: ParseDropFile): AttributeSet {
  let names: string[];
  try {
    // No exception for the usual absent directory: building one every cycle costs more than the rest.
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) return { values: {}, problems: [] };
    // Even a sticky one like /tmp lets anyone add a file.
    if (st.mode & 0o002) return failedSource(`${limits.kind}:*`, `${dir}: writable by everyone; ignored`);
    names = readdirSync(dir)
      .filter((n) => n.endsWith(limits.suffix) && !n.startsWith('.'))
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, problems: [] };
    return failedSource(`${limits.kind}:*`, `${dir}: ${(e as Error).message}`);
  }
  const sets = names.slice(0, limits.maxFiles).map((n) => readOne(dir, n, limits, parse));
  if (names.length > limits.maxFiles) {
    const why = `more than ${limits.maxFiles} *${limits.suffix} files in ${dir}; ignored`;
    const rest = names.slice(limits.maxFiles);
    sets.push({
      values: {},
      problems: [`${dir}: more than ${limits.maxFiles} *${limits.suffix} files; the rest are ignored`],
      failed: Object.fromEntries(rest.map((n) => [`${limits.kind}:${n}`, why])),
    });
  }
  return mergeAttributeSets(sets);
}

function readOne(dir: string, name: string, limits: DropLimits, parse: ParseDropFile): AttributeSet {
  const path = join(dir, name);
  const source = `${limits.kind}:${name}`;
  const skip = (why: string): AttributeSet => failedSource(source, `${path}: ${why}; skipped`, `${path}: ${why}`);
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return skip('not a regular file');
    if (st.mode & 0o002) return skip('writable by everyone');
    return fromSource(parse(readProc(dir, name, limits.maxBytes), path), source);
  } catch (e) {
    // Removed between the listing and the read: gone, as a file removed before the listing (a writer that
    // replaces a file by renaming over it never leaves a moment without one).
    const code = ((e instanceof NoDataError ? e.cause : e) as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { values: {}, problems: [] };
    if (e instanceof CollectError && e.code === 'COLLECT_TOO_LARGE') return skip(`larger than ${limits.maxBytes} bytes`);
    return skip((e as Error).message);
  }
}
