// Named things that are wrong, each with one reason, kept in the push state for `status` (push.refused: the
// attributes OneGate refuses; push.sourceWarnings: the attribute sources in trouble). Each is logged once when
// it appears or its reason changes, never again for the same reason, and once more when it goes: a problem
// that repeats every cycle is one log line, not one per cycle.

/** Sets `why` for `name`; true when that is new or another reason than before (worth one log line). */
export function noteReason(record: Record<string, string>, name: string, why: string): boolean {
  if (Object.hasOwn(record, name) && record[name] === why) return false;
  record[name] = why;
  return true;
}

/** Makes `record` hold exactly `current`; the names new or changed (to log with their reason) and the names gone. */
export function replaceReasons(record: Record<string, string>, current: Record<string, string>): { changed: string[]; gone: string[] } {
  const gone = Object.keys(record).filter((name) => !Object.hasOwn(current, name));
  for (const name of gone) delete record[name];
  const changed = Object.entries(current)
    .filter(([name, why]) => noteReason(record, name, why))
    .map(([name]) => name);
  return { changed, gone };
}
