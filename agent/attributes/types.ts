// What every source of custom attributes returns.

/** Attributes from one or more sources, with the problems met on the way (already located, one line each). */
export interface AttributeSet {
  /** Name as written by the source (not yet prefixed or upper-cased) -> value as written, or a number to format. */
  values: Record<string, string | number>;
  /** "source:line: what is wrong" for every line or source that was skipped. */
  problems: string[];
  /**
   * Name (as in `values`) -> the source that gave it: "static", "file:<name>.attrs", "textfile:<name>.prom",
   * "command:<argv>". What the agent records to erase an attribute whose source is gone (agent/state/owned.ts).
   */
  sources?: Record<string, string>;
  /**
   * Source -> why it could not answer this cycle; its attributes are kept, not erased. "file:*" (or
   * "textfile:*") stands for every file of a directory that could not be read.
   */
  failed?: Record<string, string>;
  /** Source -> why part of what it wrote was skipped (bad lines); it answered, and what it gave counts. */
  skipped?: Record<string, string>;
}
