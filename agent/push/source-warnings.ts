// Attribute sources in trouble (a command that fails, hangs, prints too much or bad lines, or cannot start; a
// file or directory that is unreadable or ignored as writable by everyone): one warning naming the source and
// the reason when it appears or its reason changes, not every cycle, and one line when it is over; meanwhile
// `status` shows them (push.sourceWarnings). The same bookkeeping as the push's refused attributes.
import type { Logger } from '../log';
import { replaceReasons } from '../state/reasons';
import type { PushState } from '../state/types';

/** Records this cycle's warnings (source -> reason) in the push state and logs what changed. */
export function noteSourceWarnings(state: PushState, warnings: Record<string, string>, log: Logger): void {
  state.sourceWarnings ??= {};
  const record = state.sourceWarnings;
  const { changed, gone } = replaceReasons(record, warnings);
  for (const source of changed) log.warn(`attributes: ${source}: ${record[source]}`);
  for (const source of gone) log.info(`attributes: ${source}: no longer in trouble (it answers again, or it was removed)`);
  if (Object.keys(record).length === 0) delete state.sourceWarnings;
}
