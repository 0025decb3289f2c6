// Attributes written by other programs as *.attrs files (KEY=VALUE lines) in one directory, like
// node_exporter's textfile collector; a later file wins on a repeated key.
import { readDropDirectory } from './drop-directory';
import { parseKeyValueLines } from './parse';
import type { AttributeSet } from './types';

/** Bytes read per file; a larger file is skipped. */
export const MAX_ATTRS_FILE_BYTES = 64 * 1024;
/** Files read per cycle; the rest are skipped with one problem line. */
export const MAX_ATTRS_FILES = 100;

/** Reads every `*.attrs` file of `dir`; a missing directory gives an empty set. */
export function readAttributeDirectory(dir: string): AttributeSet {
  return readDropDirectory(
    dir,
    { kind: 'file', suffix: '.attrs', maxFiles: MAX_ATTRS_FILES, maxBytes: MAX_ATTRS_FILE_BYTES },
    parseKeyValueLines,
  );
}
