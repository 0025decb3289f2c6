// Typed errors with stable codes (in the manner of undici's UND_ERR_*): callers match on `code`, never on the message.
import { printable } from '../printable';

/** Every code a {@link OneGateError} can carry. */
export type OneGateErrorCode =
  | 'ONEGATE_BAD_REQUEST' // 400
  | 'ONEGATE_UNAUTHORIZED' // 401 (after the one refresh-and-retry)
  | 'ONEGATE_FORBIDDEN' // 403
  | 'ONEGATE_NOT_FOUND' // 404
  | 'ONEGATE_SERVER_ERROR' // 5xx
  | 'ONEGATE_HTTP_ERROR' // any other non-2xx, redirects included (never followed)
  | 'ONEGATE_UNREACHABLE' // refused, reset, DNS, TLS, proxy failures
  | 'ONEGATE_TIMEOUT' // connect timeout or the total per-call timeout
  | 'ONEGATE_ABORTED' // the caller's AbortSignal fired
  | 'ONEGATE_BAD_RESPONSE' // a 2xx that is not the expected JSON, or too large
  | 'ONEGATE_INVALID_VALUE' // refused before sending: attribute name/value, id, credentials
  | 'ONEGATE_INVALID_ENDPOINT'; // ONEGATE_ENDPOINT (or a proxy URL) that cannot be used

/** Extra fields of a {@link OneGateError}. */
export interface OneGateErrorDetails {
  /** HTTP status, for errors built from a response. */
  status?: number;
  /** The server's plain-text body (OneGate error bodies are text despite their JSON content type). */
  body?: string;
  /** A short suggestion for the user. */
  hint?: string;
  /** The attribute name an ONEGATE_INVALID_VALUE is about. */
  key?: string;
  /** The offending character (or sequence) of an ONEGATE_INVALID_VALUE. */
  character?: string;
  /** True when sending the same request again may succeed (refused, reset, connect timeout, 5xx, 429). */
  transient?: boolean;
  /** What the server's Retry-After header asked for, in milliseconds. */
  retryAfterMs?: number;
  /** The underlying error (socket, TLS, JSON). */
  cause?: unknown;
}

/** Any failure of a OneGate call. */
export class OneGateError extends Error {
  /** Stable machine-readable code. */
  readonly code: OneGateErrorCode;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's plain-text body, when the server answered. */
  readonly body?: string;
  /** A short suggestion for the user, when one applies. */
  readonly hint?: string;
  /** Attribute name of an ONEGATE_INVALID_VALUE. */
  readonly key?: string;
  /** Offending character of an ONEGATE_INVALID_VALUE. */
  readonly character?: string;
  /** True when sending the same request again may succeed (refused, reset, connect timeout, 5xx, 429). */
  readonly transient: boolean;
  /** Milliseconds the server asked the client to wait (Retry-After on a 429 or 503, e.g. from a proxy). */
  readonly retryAfterMs?: number;

  constructor(code: OneGateErrorCode, message: string, details: OneGateErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OneGateError';
    this.code = code;
    this.transient = details.transient ?? false;
    if (details.status !== undefined) this.status = details.status;
    if (details.body !== undefined) this.body = details.body;
    if (details.hint !== undefined) this.hint = details.hint;
    if (details.key !== undefined) this.key = details.key;
    if (details.character !== undefined) this.character = details.character;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** True for a OneGateError, optionally with one of the given codes. */
export function isOneGateError(err: unknown, ...codes: OneGateErrorCode[]): err is OneGateError {
  return err instanceof OneGateError && (codes.length === 0 || codes.includes(err.code));
}

/** The code for a non-2xx status. */
export function codeForStatus(status: number): OneGateErrorCode {
  if (status === 400) return 'ONEGATE_BAD_REQUEST';
  if (status === 401) return 'ONEGATE_UNAUTHORIZED';
  if (status === 403) return 'ONEGATE_FORBIDDEN';
  if (status === 404) return 'ONEGATE_NOT_FOUND';
  if (status >= 500 && status <= 599) return 'ONEGATE_SERVER_ERROR';
  return 'ONEGATE_HTTP_ERROR';
}

// Answers of 7.x that say less than 6.10's did (docs/simulator.md, "Server versions").
const HOST_NOT_PERMITTED = 'Host not permitted';
const REASON_LOST = 'Internal server error';

/** True for the two 7.x answers whose text alone does not tell a user what happened: the CLI adds its hint. */
export function answerNeedsHint(status: number | undefined, body: string | undefined): boolean {
  const text = body?.trim();
  return (status === 403 && text === HOST_NOT_PERMITTED) || (status === 500 && text === REASON_LOST);
}

function hintFor(status: number, body: string): string | undefined {
  if (status === 401) return 'the token or VMID does not match this VM; re-read the context (token.txt, one_env)';
  if (status === 403 && body.trim() === HOST_NOT_PERMITTED) {
    return (
      "the server refuses the endpoint's host name in the request's Host header (Sinatra's host authorization); " +
      'use an IP address in ONEGATE_ENDPOINT, or permit the name on the server (OneGate 7.4: ' +
      ':host_authorization: :permitted_hosts: in onegate-server.conf; 7.0-7.2 refuse every DNS name: upgrade)'
    );
  }
  if (status === 500 && body.trim() === REASON_LOST) {
    return (
      "OneGate 7.x sends this text in place of its refusal's reason (an erase of an attribute the VM does not " +
      'have, an unknown action and other refused requests look the same); the reason is in the server log, ' +
      'onegate.log'
    );
  }
  if (status === 403 && /^Action \(reboot\)/.test(body)) {
    return 'OneGate blocks reboot by default (:restricted_actions); ask the administrator';
  }
  if (status >= 300 && status < 400) return 'OneGate clients do not follow redirects; check ONEGATE_ENDPOINT';
  return undefined;
}

/**
 * The error for a non-2xx response; the message names the request and quotes the body's first line.
 * `retryAfterMs` is the parsed Retry-After header, if the server (or a proxy in front of it) sent one.
 */
export function httpError(method: string, path: string, status: number, body: string, retryAfterMs?: number): OneGateError {
  const firstLine = printable(body.split(/\r?\n/, 1)[0]!, 300);
  const text = firstLine === '' ? '' : `: ${firstLine}`;
  return new OneGateError(codeForStatus(status), `${method} ${path} failed with HTTP ${status}${text}`, {
    status,
    body,
    hint: hintFor(status, body),
    transient: status >= 500 || status === 429,
    retryAfterMs,
  });
}
