// What a failed PUT /vm means for the push: drop one attribute the server refuses by name (403 naming it),
// turn the feature off (any other 403), drop what can never be accepted (400), or keep everything pending
// and retry later with backoff (anything else).
import { isOneGateError } from '../onegate/errors';

/** The push's reaction to a failure. */
export type PushAction = 'disable' | 'drop' | 'retry';

/** Maps an error code (OneGateError codes; anything unknown is retried) to the action. */
export function classifyPushError(code: string): PushAction {
  switch (code) {
    case 'ONEGATE_FORBIDDEN':
      return 'disable';
    case 'ONEGATE_BAD_REQUEST':
    case 'ONEGATE_INVALID_VALUE':
      return 'drop';
    default:
      // 401 (after the client's one credentials refresh), 404, 5xx, timeouts, unreachable, bad responses:
      // the server or the credentials may come back, so nothing is dropped.
      return 'retry';
  }
}

// The server's check_restricted_attrs (onegate-server.rb, release-6.10.5 l.343 and l.351; the same text in
// 7.x): `halt 403, "Attribute (#{key}) cannot be modified"` for the first key of the update on its
// :restricted_attrs list, which the operator may extend.
const RESTRICTED = /^Attribute \(([^()]*)\) cannot be modified$/;
const NAME = /^[A-Z0-9_]+$/i;

/**
 * The attribute of `batch` that a 403 names as restricted, or undefined when the error is no such 403, the
 * name is not an attribute name, or it is not one the batch carried (a server cannot make the agent drop
 * anything it did not send).
 */
export function refusedAttribute(err: unknown, batch: Record<string, string>): string | undefined {
  if (!isOneGateError(err, 'ONEGATE_FORBIDDEN') || err.body === undefined) return undefined;
  const named = RESTRICTED.exec(err.body.split(/\r?\n/, 1)[0]!.trim())?.[1];
  if (named === undefined || !NAME.test(named)) return undefined;
  return Object.keys(batch).find((name) => name.toUpperCase() === named.toUpperCase());
}
