// What a failed GET means for the document (docs/onegate-protocol.md, "Errors"). Errors are matched on the
// client's stable fields (code, status, body), never on their class, so any client works.

/** off: the server refuses the feature; gone: 404; not-member: the VM is in no such service/router; transient: retry later. */
export type FailureKind = 'off' | 'gone' | 'not-member' | 'transient' | 'error';

/** A classified failure. */
export interface PullFailure {
  /** What to do about it. */
  kind: FailureKind;
  /** The client's error code, e.g. ONEGATE_FORBIDDEN, or "ERROR" for anything untyped. */
  code: string;
  /** One line: the status and the server's text, or the error message. */
  message: string;
}

const NOT_SUPPORTED = /doesn't support this feature|can only be retrieved from Virtual Routers/;
const NOT_MEMBER = /does not contain VM|Empty or invalid (SERVICE_ID|VROUTER_ID)/;

/** Classifies an error thrown by the client. */
export function classifyPullError(err: unknown): PullFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; status?: unknown; body?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const status = typeof e.status === 'number' ? e.status : undefined;
  const body = typeof e.body === 'string' ? e.body.trim().split('\n')[0] : '';
  const message = status !== undefined ? `${status} ${body}`.trim() : String(e.message ?? err);
  return { kind: kindOf(code, status, body), code, message };
}

function kindOf(code: string, status: number | undefined, body: string): FailureKind {
  if (status === 403 || (status === 400 && NOT_SUPPORTED.test(body))) return 'off';
  if (status === 404) return 'gone';
  if (status === 400 && NOT_MEMBER.test(body)) return 'not-member';
  if (status !== undefined && status >= 500) return 'transient';
  if (code === 'ONEGATE_SERVER_ERROR' || code === 'ONEGATE_UNREACHABLE' || code === 'ONEGATE_TIMEOUT' || code === 'ONEGATE_UNAUTHORIZED')
    return 'transient';
  return 'error';
}
