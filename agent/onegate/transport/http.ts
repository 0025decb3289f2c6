// node:http/node:https with one keep-alive agent, directly or (with a Connector) through a proxy tunnel.
// Chosen over fetch/undici because it saves ~17 MB RSS, ~40-70 ms of CLI start-up and half the CPU per request
// (guest-agents.md §7; docs/client.md).
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { Endpoint } from '../endpoint';
import { OneGateError } from '../errors';
import { connectionFailure, isReset } from './failures';
import { flattenHeaders, readBody } from './response';
import { isIdempotent, type RawResponse, type Transport, type TransportOptions, type TransportRequest } from './types';

/** Makes the connection for an agent asynchronously (Agent#createConnection with a callback). */
export type Connector = (options: http.ClientRequestArgs, callback: (err: Error | null, stream: Duplex) => void) => Duplex | null | undefined;

/** A proxy tunnel: how to connect, and how to name the path in messages. */
export interface Tunnel {
  where: string;
  connect: Connector;
}

/** Creates the transport for one endpoint, direct unless `tunnel` is given. */
export function createHttpTransport(endpoint: Endpoint, options: TransportOptions, tunnel?: Tunnel): Transport {
  const secure = endpoint.protocol === 'https:';
  const tls = secure ? { ca: options.ca, rejectUnauthorized: !options.insecure } : {};
  // node:https drags in node:tls and node:crypto (~11 ms of every CLI start): loaded only for https endpoints.
  // Both through getBuiltinModule, because a bundled default import copies the whole module (esbuild __toESM).
  const mod = process.getBuiltinModule(secure ? 'node:https' : 'node:http');
  const where = tunnel?.where ?? endpoint.origin;
  // The agent's `timeout` closes idle pooled sockets before the server does (Node's default keepAlive server
  // timeout is 5 s; Thin and Puma are longer), which avoids most of the keep-alive reuse race.
  const pooled = new mod.Agent({ keepAlive: true, maxSockets: 4, maxFreeSockets: 2, timeout: options.freeSocketTimeoutMs, ...tls });
  // Non-idempotent requests (POST actions) and retries after a reset never ride on a pooled socket.
  const oneShot = new mod.Agent({ keepAlive: false, ...tls });
  if (tunnel) {
    pooled.createConnection = tunnel.connect;
    oneShot.createConnection = tunnel.connect;
  }

  function attempt(req: TransportRequest, fresh: boolean): Promise<RawResponse> {
    const idempotent = isIdempotent(req.method);
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (err: unknown, res?: RawResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        req.signal.removeEventListener('abort', onAbort);
        if (res) resolve(res);
        else reject(err);
      };
      const headers = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
      const r = mod.request({
        host: endpoint.hostname, port: endpoint.port, method: req.method, path: req.path, headers,
        agent: fresh || !idempotent ? oneShot : pooled, ...tls,
      });
      const onAbort = (): void => {
        r.destroy();
        finish(req.signal.reason);
      };
      req.signal.addEventListener('abort', onAbort, { once: true });
      // Bounds tunnel + TCP connect + TLS handshake; cleared as soon as the socket can carry the request.
      const connectTimer = setTimeout(() => {
        r.destroy(new OneGateError('ONEGATE_TIMEOUT', `connecting to ${where} took longer than ${options.connectTimeoutMs} ms`, { transient: true }));
      }, options.connectTimeoutMs);
      const connected = (): void => clearTimeout(connectTimer);
      r.on('socket', (socket: Socket) => {
        if (r.reusedSocket) connected();
        else if ((socket as TLSSocket).encrypted) socket.once('secureConnect', connected);
        else if (socket.connecting) socket.once('connect', connected);
        else connected(); // a tunnel hands over an already connected socket
      });
      let responded = false;
      r.on('error', (err) => {
        // Once a response has started, readBody settles the call (body complete, too large, or cut off).
        if (settled || responded) return;
        if (r.reusedSocket && isReset(err) && idempotent && !fresh) {
          // The server closed the idle socket just as we reused it; the request never reached it.
          settled = true;
          req.signal.removeEventListener('abort', onAbort);
          attempt(req, true).then(resolve, reject);
          return;
        }
        finish(connectionFailure(err, where));
      });
      r.on('response', (res) => {
        responded = true;
        readBody(res, options.maxResponseBytes).then(
          (body) => finish(undefined, { status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body }),
          (err) => finish(connectionFailure(err, where)),
        );
      });
      r.end(req.body);
    });
  }

  return {
    send: (req) => attempt(req, false),
    close() {
      // Idle sockets only: calls in flight finish (their sockets are unref'd when they go idle).
      for (const list of Object.values(pooled.freeSockets)) for (const socket of list ?? []) socket.destroy();
    },
  };
}
