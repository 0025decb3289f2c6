// Maps socket, DNS, TLS and proxy errors to OneGateError codes, with the endpoint (and proxy) in the message.
import { OneGateError } from '../errors';

const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable (is there a route to it?)',
  ENETUNREACH: 'network unreachable (is there a route to it?)',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
};

/** Error codes that mean "the request was cut off", where a reused keep-alive socket may be to blame. */
export function isReset(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED';
}

function isTlsFailure(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code);
}

/**
 * OpenSSL's part of a TLS error, one line: "80DC...:error:0A00010B:SSL routines:ssl3_get_record:wrong version
 * number:../deps/openssl/.../ssl3_record.c:350:\n" is its reason, "wrong version number" (an http server behind
 * an https URL says so), not the build path and a line feed.
 */
function tlsReason(message: string): string {
  const reason = /error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+)/.exec(message)?.[1];
  if (reason === undefined) return message.replace(/\s+/g, ' ').trim();
  return reason === 'wrong version number' ? `${reason} (is the endpoint http, not https?)` : reason;
}

/** What to do about a TLS failure: the fix depends on whether the certificate or the conversation failed. */
function tlsHint(code: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return "the certificate does not name the endpoint's host: put a name (or address) it was issued for in ONEGATE_ENDPOINT";
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return "the certificate is outside its validity dates: check this guest's clock, then the server's certificate";
  }
  if (/^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return 'give the CA that signed the server certificate with caFile (--ca-file), or use insecure only if you trust the network';
  }
  // ERR_SSL_* / ERR_OSSL_*: the handshake itself broke, so no CA would help.
  return "the server does not speak TLS there: check the endpoint's scheme (http or https) and port";
}

/** The OneGateError for a connection-level failure talking to `where` (an origin, maybe "via proxy"). */
export function connectionFailure(err: unknown, where: string): OneGateError {
  if (err instanceof OneGateError) return err;
  const e = (err ?? {}) as { code?: string; message?: string; transient?: boolean };
  const code = e.code ?? '';
  const message = e.message ?? String(err);
  if (code === 'ERR_PROXY_CONNECT') {
    return new OneGateError('ONEGATE_UNREACHABLE', `cannot reach OneGate at ${where}: ${message}`, {
      cause: err,
      transient: e.transient === true,
    });
  }
  // Node's words for a TLS socket that ended before the handshake did (code ECONNRESET, even after a FIN).
  if (/before secure TLS connection was established/.test(message)) {
    return new OneGateError(
      'ONEGATE_UNREACHABLE',
      `cannot reach OneGate at ${where}: the server closed the connection during the TLS handshake`,
      {
        cause: err,
        transient: true,
      },
    );
  }
  if (isTlsFailure(code)) {
    return new OneGateError('ONEGATE_UNREACHABLE', `TLS with ${where} failed: ${tlsReason(message)}`, {
      cause: err,
      hint: tlsHint(code),
    });
  }
  const what = DESCRIPTIONS[code] ?? message;
  return new OneGateError('ONEGATE_UNREACHABLE', `cannot reach OneGate at ${where}: ${what}`, {
    cause: err,
    transient: TRANSIENT.has(code) || code === '',
  });
}
