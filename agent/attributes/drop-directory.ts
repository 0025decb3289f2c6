// A directory other programs drop files into, as node_exporter's textfile collector reads one: files with one
// suffix, read in name order; dot-files skipped so writers can "write .tmp, rename" for atomic updates. Anyone
// could set the VM's attributes through a world-writable directory or file, so those are refused.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readProc } from '../metrics/read-proc';
import { CollectError, NoDataError } from '../metrics/types';
import { mergeAttributeSets } from './parse';
import type { AttributeSet } from './types';

/** Which files are read and how much of them. */
export interface DropLimits {
  /** File name suffix, e.g. ".attrs". */
  suffix: string;
  /** Files read per call; the rest are skipped with one problem line. */
  maxFiles: number;
  /** Bytes read per file; a larger file is skipped. */
  maxBytes: number;
}

/** Parses one file's text; `path` locates its problems. */
export type ParseDropFile = (text: string, path: string) => AttributeSet;

/** Reads and parses every matching file of `dir`, merged in name order (a later file wins); a missing directory gives an empty set. */
export function readDropDirectory(dir: string, limits: DropLimits, parse: ParseDropFile): AttributeSet {
  let names: string[];
  try {
    // No exception for the usual absent directory: building one every cycle costs more than the rest.
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) return { values: {}, problems: [] };
    // Even a sticky one like /tmp lets anyone add a file.
    if (st.mode & 0o002) return { values: {}, problems: [`${dir}: writable by everyone; ignored`] };
    names = readdirSync(dir)
      .filter((n) => n.endsWith(limits.suffix) && !n.startsWith('.'))
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, problems: [] };
    return { values: {}, problems: [`${dir}: ${(e as Error).message}`] };
  }
  const sets = names.slice(0, limits.maxFiles).map((n) => readOne(dir, n, limits.maxBytes, parse));
  if (names.length > limits.maxFiles)
    sets.push({ values: {}, problems: [`${dir}: more than ${limits.maxFiles} *${limits.suffix} files; the rest are ignored`] });
  return mergeAttributeSets(sets);
}

function readOne(dir: string, name: string, maxBytes: number, parse: ParseDropFile): AttributeSet {
  const path = join(dir, name);
  const skip = (why: string): AttributeSet => ({ values: {}, problems: [`${path}: ${why}; skipped`] });
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return skip('not a regular file');
    if (st.mode & 0o002) return skip('writable by everyone');
    return parse(readProc(dir, name, maxBytes), path);
  } catch (e) {
    // Removed between the listing and the read: the writer is replacing it; next cycle will see the new one.
    const code = ((e instanceof NoDataError ? e.cause : e) as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { values: {}, problems: [] };
    if (e instanceof CollectError && e.code === 'COLLECT_TOO_LARGE') return skip(`larger than ${maxBytes} bytes`);
    return skip((e as Error).message);
  }
}
