// Custom attributes: static values from the configuration, then *.attrs files, then *.prom files, then attribute
// commands; a later source wins on a repeated name, so a program can override a configured default.
import { type AttributeCommand, runAttributeCommands } from './commands';
import { readAttributeDirectory } from './directory';
import { fromSource, mergeAttributeSets } from './parse';
import { readTextfileDirectory } from './textfile';
import type { AttributeSet } from './types';

/** The `attributes` section of the daemon's configuration. */
export interface AttributesOptions {
  /** Fixed attributes, name -> value, sent as written. */
  static?: Record<string, string>;
  /** Programs printing KEY=VALUE lines, run every cycle. */
  commands?: AttributeCommand[];
  /** Directory of *.attrs files; empty or unset: none. */
  directory?: string;
  /** Directory of Prometheus *.prom files whose gauges are taken; empty or unset: none. */
  textfileDirectory?: string;
}

/** Gathers every custom attribute of one cycle. */
export async function collectAttributes(options: AttributesOptions, opts: { signal?: AbortSignal } = {}): Promise<AttributeSet> {
  const fromConfig = fromSource({ values: { ...options.static }, problems: [] }, 'static');
  const fromFiles = options.directory ? readAttributeDirectory(options.directory) : { values: {}, problems: [] };
  const fromTextfiles = options.textfileDirectory ? readTextfileDirectory(options.textfileDirectory) : { values: {}, problems: [] };
  const fromCommands = options.commands?.length ? await runAttributeCommands(options.commands, opts) : { values: {}, problems: [] };
  return mergeAttributeSets([fromConfig, fromFiles, fromTextfiles, fromCommands]);
}

export type { AttributeCommand } from './commands';
export { MAX_COMMAND_OUTPUT, runAttributeCommands } from './commands';
export { type AttributeDiff, type DiffOptions, diffAttributes } from './diff';
export { MAX_ATTRS_FILE_BYTES, MAX_ATTRS_FILES, readAttributeDirectory } from './directory';
export { type FormatOptions, type FormattedAttributes, formatAttributes, formatNumber, RESTRICTED_ATTRIBUTES } from './format';
export { failedSource, fromSource, mergeAttributeSets, parseKeyValueLines } from './parse';
export {
  attributeNameOf,
  MAX_TEXTFILE_ATTRIBUTES,
  MAX_TEXTFILE_BYTES,
  MAX_TEXTFILE_FILES,
  MAX_TEXTFILE_NAME,
  readTextfileDirectory,
} from './textfile';
export type { AttributeSet } from './types';
