// Attributes written by other programs as *.attrs files (KEY=VALUE lines) in one directory, like
// node_exporter's textfile collector. Files are read in name order (a later file wins on a repeated key);
// dot-files are skipped so writers can use "write .tmp, rename" for atomic updates.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readProc } from '../metrics/read-proc';
import { CollectError, NoDataError } from '../metrics/types';
import { mergeAttributeSets, parseKeyValueLines } from './parse';
import type { AttributeSet } from './types';

/** Bytes read per file; a larger file is skipped. */
export const MAX_ATTRS_FILE_BYTES = 64 * 1024;
/** Files read per cycle; the rest are skipped with one problem line. */
export const MAX_ATTRS_FILES = 100;

/** Reads every `*.attrs` file of `dir`; a missing directory gives an empty set. */
export function readAttributeDirectory(dir: string): AttributeSet {
  let names: string[];
  try {
    // No exception for the usual absent directory: building one every cycle costs more than the rest.
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) return { values: {}, problems: [] };
    // Anyone could add a file to a world-writable directory, even a sticky one like /tmp.
    if (st.mode & 0o002) return { values: {}, problems: [`${dir}: writable by everyone; ignored`] };
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.attrs') && !n.startsWith('.'))
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, problems: [] };
    return { values: {}, problems: [`${dir}: ${(e as Error).message}`] };
  }
  const sets = names.slice(0, MAX_ATTRS_FILES).map((n) => readOne(dir, n));
  if (names.length > MAX_ATTRS_FILES)
    sets.push({ values: {}, problems: [`${dir}: more than ${MAX_ATTRS_FILES} *.attrs files; the rest are ignored`] });
  return mergeAttributeSets(sets);
}

function readOne(dir: string, name: string): AttributeSet {
  const path = join(dir, name);
  const skip = (why: string): AttributeSet => ({ values: {}, problems: [`${path}: ${why}; skipped`] });
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return skip('not a regular file');
    // Anyone could set the VM's attributes through a world-writable file.
    if (st.mode & 0o002) return skip('writable by everyone');
    return parseKeyValueLines(readProc(dir, name, MAX_ATTRS_FILE_BYTES), path);
  } catch (e) {
    // Removed between the listing and the read: the writer is replacing it; next cycle will see the new one.
    const code = ((e instanceof NoDataError ? e.cause : e) as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { values: {}, problems: [] };
    if (e instanceof CollectError && e.code === 'COLLECT_TOO_LARGE') return skip(`larger than ${MAX_ATTRS_FILE_BYTES} bytes`);
    return skip((e as Error).message);
  }
}
