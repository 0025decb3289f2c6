// How far this VM's clock is from the server's, from the Date header of one answer. Pure.
import { quoteInput } from '../../../agent/redact';
//
// Date has a resolution of one second and is taken while the server handles the request, so the estimate is
// the header plus half a second against the middle of the round trip; the error is at most half the round trip
// plus half a second, which the tolerance dwarfs.

/** Skew beyond this is reported (a VM without time synchronisation drifts past it within days). */
export const SKEW_TOLERANCE_MS = 30_000;

/** The outcome of {@link measureSkew}. */
export type Skew =
  /** The server clock minus this VM's clock, ms (positive: the VM is behind). */
  | { kind: 'measured'; skewMs: number; roundTripMs: number }
  /** No Date header, or one that is not an HTTP date. */
  | { kind: 'unknown'; why: string };

/** Measures the skew from a Date header and the local send and receive times (ms since the epoch). */
export function measureSkew(date: string | undefined, sentAt: number, receivedAt: number): Skew {
  if (date === undefined || date.trim() === '') return { kind: 'unknown', why: 'the server sent no Date header' };
  const server = Date.parse(date);
  // HTTP dates are "Sun, 06 Nov 1994 08:49:37 GMT"; Date.parse takes more forms, which is fine, but not garbage.
  if (!Number.isFinite(server) || !/\d{4}|\d{2}:\d{2}/.test(date))
    return { kind: 'unknown', why: `the Date header ${quoteInput(date)} is not a date` };
  return { kind: 'measured', skewMs: Math.round(server + 500 - (sentAt + receivedAt) / 2), roundTripMs: receivedAt - sentAt };
}

/** "3 s", "4 min", "2 h", "5 days" for a duration in ms. */
export function humanDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}
