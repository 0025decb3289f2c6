// A server (or a proxy on the way) that echoes the request into its answer, a debugging page, an error quoting
// the X-ONEGATE-TOKEN header, a header line refused with its value, must not make the client print the token.
// The client passes every answer and every failure of the transport through here, before anything quotes them:
// error bodies (printed by `onegate` as the Ruby client does), a 2xx that is not JSON, refused head lines.

import { OneGateError } from './errors';
import type { RawResponse } from './transport/types';

/** What stands for the token where a server echoed it. */
export const TOKEN_MARK = '<token>';
/** Shorter values are not replaced (an empty or one-letter token would match everywhere); real tokens are 24+. */
const MIN_TOKEN = 8;

/** `text` with every occurrence of `token` replaced by `mark`; a token too short to be one is left alone. */
export function scrubToken(text: string, token: string, mark: string = TOKEN_MARK): string {
  return token.length >= MIN_TOKEN && text.includes(token) ? text.replaceAll(token, mark) : text;
}

/** `res` with every occurrence of `token` in its body and headers replaced by {@link TOKEN_MARK}. */
export function answerWithoutToken(res: RawResponse, token: string): RawResponse {
  if (token.length < MIN_TOKEN) return res;
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, scrubToken(v, token)]));
  return { ...res, body: scrubToken(res.body, token), headers };
}

/** `err` with `token` replaced in its message, hint and body (a new OneGateError when anything changed). */
export function failureWithoutToken(err: unknown, token: string): unknown {
  if (!(err instanceof OneGateError) || token.length < MIN_TOKEN) return err;
  const texts = [err.message, err.hint ?? '', err.body ?? ''];
  if (!texts.some((t) => t.includes(token))) return err;
  // The cause keeps the raw text: it is never printed (messages are built from the OneGateError alone).
  return new OneGateError(err.code, scrubToken(err.message, token), {
    status: err.status,
    body: err.body === undefined ? undefined : scrubToken(err.body, token),
    hint: err.hint === undefined ? undefined : scrubToken(err.hint, token),
    key: err.key,
    character: err.character,
    transient: err.transient,
    retryAfterMs: err.retryAfterMs,
    cause: err.cause,
  });
}
