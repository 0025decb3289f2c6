// Attributes that vanish with their source. The agent remembers which source produced each attribute it
// pushed (a collector, the static config, an *.attrs file, a command); an attribute whose source is gone
// (file removed, command or static value removed from the config, collector disabled) or answered without
// it is to be erased. A source that could not answer this cycle (a failing command, an unreadable file, a
// collector without data, a rate collector priming) keeps its attributes: an error is not a removal.
// Only names in this record are ever candidates, so attributes set by anyone else are never touched.

/** Attribute name -> the source that produced it, e.g. "metric:cpu", "static", "file:app.attrs", "command:/usr/bin/x". */
export type Owners = Record<string, string>;

/** What this cycle's gathering found. */
export interface GatherSources {
  /** Every attribute gathered this cycle -> its source. */
  current: Owners;
  /** Sources that could not answer; "file:*" stands for every file (the directory could not be read). */
  unsure: string[];
}

/** True when `source` is listed in `unsure`, directly or by a "kind:*" pattern. */
export function isUnsure(source: string, unsure: string[]): boolean {
  return unsure.some((u) => u === source || (u.endsWith(':*') && source.startsWith(u.slice(0, -1))));
}

/** The new owner record and the names whose source is gone, in name order. */
export function vanishedAttributes(owned: Owners, found: GatherSources): { owners: Owners; vanished: string[] } {
  const owners: Owners = { ...found.current };
  const vanished: string[] = [];
  for (const [name, source] of Object.entries(owned)) {
    if (Object.hasOwn(found.current, name)) continue;
    if (isUnsure(source, found.unsure)) owners[name] = source;
    else vanished.push(name);
  }
  return { owners, vanished: vanished.sort() };
}
