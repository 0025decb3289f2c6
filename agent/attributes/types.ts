// What every source of custom attributes returns.

/** Attributes from one or more sources, with the problems met on the way (already located, one line each). */
export interface AttributeSet {
  /** Name as written by the source (not yet prefixed or upper-cased) -> value as written, or a number to format. */
  values: Record<string, string | number>;
  /** "source:line: what is wrong" for every line or source that was skipped. */
  problems: string[];
}
