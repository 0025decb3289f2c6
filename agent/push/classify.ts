// What a failed PUT /vm means for the push: turn the feature off (403), drop what can never be
// accepted (400), or keep everything pending and retry later with backoff (anything else).

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
