// Opening the connection of a tcp or http check, bounded by the run's signal (its timeout, or shutdown),
// and short reasons for what went wrong. The socket is the caller's to destroy.
import { connect, type Socket } from 'node:net';

/** Where to connect. */
export interface SocketTarget {
  host: string;
  port: number;
  /** Speak TLS (https checks), verifying the certificate against `host` with the system's CAs. */
  tls?: boolean;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
};

/** A short reason for a socket, DNS or TLS error. */
export function socketReason(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  const known = e?.code ? REASONS[e.code] : undefined;
  if (known) return known;
  if (e?.code && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(e.code)) return `TLS: ${e.message}`;
  return e?.message ?? String(err);
}

/** Connects (and completes the TLS handshake); rejects with the socket's error or the signal's reason. */
export function openSocket(target: SocketTarget, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = target.tls
      ? process.getBuiltinModule('node:tls').connect({ host: target.host, port: target.port, servername: serverName(target.host) })
      : connect({ host: target.host, port: target.port });
    const done = (err?: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', done).off(target.tls ? 'secureConnect' : 'connect', onReady);
      if (err === undefined) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(err);
    };
    const onReady = (): void => done();
    const onAbort = (): void => done(signal.reason);
    socket.once('error', done).once(target.tls ? 'secureConnect' : 'connect', onReady);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

// SNI carries names, never addresses.
function serverName(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}
