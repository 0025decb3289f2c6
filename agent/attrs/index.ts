// Custom attributes: static values from the configuration, then *.attrs files, then attribute commands; a later
// source wins on a repeated name, so a program can override a configured default.
import { runAttributeCommands, type AttributeCommand } from './commands';
import { readAttributeDirectory } from './directory';
import { mergeAttributeSets } from './parse';
import type { AttributeSet } from './types';

/** The `attributes` section of the daemon's configuration. */
export interface AttributesOptions {
  /** Fixed attributes, name -> value, sent as written. */
  static?: Record<string, string>;
  /** Programs printing KEY=VALUE lines, run every cycle. */
  commands?: AttributeCommand[];
  /** Directory of *.attrs files; empty or unset: none. */
  directory?: string;
}

/** Gathers every custom attribute of one cycle. */
export async function collectAttributes(options: AttributesOptions, opts: { signal?: AbortSignal } = {}): Promise<AttributeSet> {
  const fromConfig: AttributeSet = { values: { ...options.static }, problems: [] };
  const fromFiles = options.directory ? readAttributeDirectory(options.directory) : { values: {}, problems: [] };
  const fromCommands = options.commands?.length ? await runAttributeCommands(options.commands, opts) : { values: {}, problems: [] };
  return mergeAttributeSets([fromConfig, fromFiles, fromCommands]);
}

export type { AttributeSet } from './types';
export type { AttributeCommand } from './commands';
export { runAttributeCommands, MAX_COMMAND_OUTPUT } from './commands';
export { readAttributeDirectory, MAX_ATTRS_FILE_BYTES, MAX_ATTRS_FILES } from './directory';
export { parseKeyValueLines, mergeAttributeSets } from './parse';
export { formatAttributes, formatNumber, RESTRICTED_ATTRIBUTES, type FormatOptions, type FormattedAttributes } from './format';
export { diffAttributes, type AttributeDiff, type DiffOptions } from './diff';
