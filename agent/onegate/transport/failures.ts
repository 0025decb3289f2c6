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
  if (isTlsFailure(code)) {
    return new OneGateError('ONEGATE_UNREACHABLE', `TLS with ${where} failed: ${message}`, {
      cause: err,
      hint: 'give the CA that signed the server certificate with caFile (--ca-file), or use insecure only if you trust the network',
    });
  }
  const what = DESCRIPTIONS[code] ?? message;
  return new OneGateError('ONEGATE_UNREACHABLE', `cannot reach OneGate at ${where}: ${what}`, {
    cause: err,
    transient: TRANSIENT.has(code) || code === '',
  });
}
