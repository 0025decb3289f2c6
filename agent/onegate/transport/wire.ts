// HTTP/1.1 over node:net, and node:tls for https, written here and parsed by response-parser.ts instead of
// node:http: a OneGate call needs one request head, a Content-Length body and a response parser. Measured
// (docs/client.md): node:http costs ~10 ms of every CLI start-up and most of the daemon's CPU per request.
// Direct, or through an HTTP CONNECT tunnel of an http or https proxy (the token then travels only inside
// the tunnel, and certificates are checked against OneGate's name). Idle connections are kept for reuse.
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { Endpoint } from '../endpoint';
import { OneGateError } from '../errors';
import { redactProxy } from '../proxy-env';
import { connectionFailure, isReset } from './failures';
import { MalformedResponseError, type ParsedResponse, ResponseCutOffError, ResponseParser, ResponseTooLargeError } from './response-parser';
import { isIdempotent, type Transport, type TransportOptions, type TransportRequest } from './types';

/** Idle connections kept per endpoint: the daemon and the CLI make one request at a time. */
const MAX_IDLE = 2;

// Bytes no request line or header may carry: controls (header injection) and anything outside Latin-1.
const UNSAFE_PATH = /[^\u0021-\u00ff]/;
const UNSAFE_VALUE = /[^\u0009\u0020-\u007e\u0080-\u00ff]/;

/** A host as URLs and Host headers write it: IPv6 in brackets. */
function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** Resolves when `socket` emits `event`; rejects on an error or a close before it. */
function whenReady(socket: Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onReady = (): void => {
      done();
      resolve();
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onClose = (): void => {
      done();
      reject(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
    };
    const done = (): void => {
      socket.off(event, onReady).off('error', onError).off('close', onClose);
    };
    socket.once(event, onReady).once('error', onError).once('close', onClose);
  });
}

/**
 * Writes `request` on `socket` and parses the answer. Rejects with the socket's error, a ResponseCutOffError, a
 * parser error, or the signal's reason (the socket is then destroyed).
 */
function roundTrip(socket: Socket, request: Buffer, parser: ResponseParser, signal?: AbortSignal): Promise<ParsedResponse> {
  return new Promise((resolve, reject) => {
    const settle = (err: unknown, res?: ParsedResponse): void => {
      socket.off('data', onData).off('end', ended).off('error', onError).off('close', ended);
      signal?.removeEventListener('abort', onAbort);
      if (res) {
        resolve(res);
        return;
      }
      socket.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      let res: ParsedResponse | undefined;
      try {
        res = parser.push(chunk);
      } catch (err) {
        settle(err);
        return;
      }
      if (res) settle(undefined, res);
    };
    const ended = (): void => {
      try {
        settle(undefined, parser.end());
      } catch (err) {
        settle(err);
      }
    };
    // A reset after part of an answer is worded as what it interrupted; before any byte, as the socket's error.
    const onError = (err: Error): void => {
      const cut = parser.interrupted('reset', err);
      settle(cut.answered ? cut : err);
    };
    const onAbort = (): void => settle(signal!.reason);
    // 'close' without an 'end' (destroyed, reset) goes the same way: the parser says what is missing.
    socket.on('data', onData).once('end', ended).once('error', onError).once('close', ended);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.write(request);
  });
}

/** Creates the transport for one endpoint, direct, or through the CONNECT proxy at `proxy`. */
export function createWireTransport(endpoint: Endpoint, options: TransportOptions, proxy?: URL): Transport {
  const secure = endpoint.protocol === 'https:';
  const where = proxy ? `${endpoint.origin} via proxy ${redactProxy(proxy)}` : endpoint.origin;
  // As node:http and curl write it: the port only when it is not the scheme's default.
  const host = endpoint.port === (secure ? 443 : 80) ? bracketed(endpoint.hostname) : `${bracketed(endpoint.hostname)}:${endpoint.port}`;
  const idle: Socket[] = [];

  // node:tls (with node:crypto, ~11 ms of a CLI start) is loaded only when a connection needs it.
  const tls = (): typeof import('node:tls') => process.getBuiltinModule('node:tls');

  function tlsToEndpoint(socket?: Socket): Socket {
    const name = endpoint.hostname;
    const opts: ConnectionOptions = {
      host: name,
      port: endpoint.port,
      socket,
      ca: options.ca,
      rejectUnauthorized: !options.insecure,
      servername: isIP(name) === 0 ? name : undefined, // SNI carries names only
    };
    return tls().connect(opts);
  }

  /** The CONNECT exchange on a socket connected to the proxy; resolves when the tunnel is open. */
  async function tunnel(toProxy: Socket, proxyUrl: URL): Promise<void> {
    const target = `${bracketed(endpoint.hostname)}:${endpoint.port}`;
    let head = `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n`;
    if (proxyUrl.username !== '') {
      const pair = `${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`;
      head += `Proxy-Authorization: Basic ${Buffer.from(pair).toString('base64')}\r\n`;
    }
    const res = await roundTrip(
      toProxy,
      Buffer.from(`${head}\r\n`, 'latin1'),
      new ResponseParser({ method: 'CONNECT', maxBodyBytes: 64 * 1024 }),
    );
    if (res.status >= 200 && res.status < 300) return;
    throw Object.assign(new Error(`the proxy answered ${res.status} ${res.reason}`.trim() + ` to CONNECT ${target}`), {
      code: 'ERR_PROXY_CONNECT',
      transient: res.status >= 500,
    });
  }

  async function connectAll(track: (s: Socket) => Socket): Promise<Socket> {
    if (!proxy) {
      const socket = track(secure ? tlsToEndpoint() : tcpConnect({ host: endpoint.hostname, port: endpoint.port }));
      await whenReady(socket, secure ? 'secureConnect' : 'connect');
      return socket;
    }
    const viaTls = proxy.protocol === 'https:';
    const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
    const proxyPort = Number(proxy.port) || (viaTls ? 443 : 80);
    const toProxy = track(
      viaTls
        ? tls().connect({ host: proxyHost, port: proxyPort, servername: isIP(proxyHost) === 0 ? proxyHost : undefined })
        : tcpConnect({ host: proxyHost, port: proxyPort }),
    );
    await whenReady(toProxy, viaTls ? 'secureConnect' : 'connect');
    await tunnel(toProxy, proxy);
    if (!secure) return toProxy;
    const inner = track(tlsToEndpoint(toProxy));
    await whenReady(inner, 'secureConnect');
    return inner;
  }

  /** A new connection, ready for a request; bounded by the connect timeout (tunnel and handshake included). */
  async function open(signal: AbortSignal): Promise<Socket> {
    const sockets: Socket[] = [];
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const bound = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new OneGateError('ONEGATE_TIMEOUT', `connecting to ${where} took longer than ${options.connectTimeoutMs} ms`, {
              transient: true,
            }),
          ),
        options.connectTimeoutMs,
      );
      onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const socket = await Promise.race([
        connectAll((s) => {
          sockets.push(s);
          return s;
        }),
        bound,
      ]);
      socket.setNoDelay(true);
      return socket;
    } catch (err) {
      for (const s of sockets) s.destroy();
      throw err;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort!);
    }
  }

  // An idle socket is unref'd (it must not keep a CLI alive), closed after freeSocketTimeoutMs (before the
  // server's own keep-alive timeout, which avoids most reuse races) or when the server closes or speaks.
  const onIdleClose = function (this: Socket): void {
    const at = idle.indexOf(this);
    if (at >= 0) idle.splice(at, 1);
  };
  const onIdleActivity = function (this: Socket): void {
    this.destroy();
  };

  function park(socket: Socket): void {
    if (idle.length >= MAX_IDLE || socket.destroyed) return void socket.destroy();
    idle.push(socket);
    socket.unref();
    socket.setTimeout(options.freeSocketTimeoutMs);
    socket
      .on('timeout', onIdleActivity)
      .on('data', onIdleActivity)
      .on('end', onIdleActivity)
      .on('error', onIdleActivity)
      .on('close', onIdleClose);
  }

  function takeIdle(): Socket | undefined {
    let socket = idle.pop();
    // One destroyed by its idle handlers leaves the pool on 'close', which comes a tick later.
    while (socket?.destroyed) socket = idle.pop();
    if (!socket) return undefined;
    socket
      .off('timeout', onIdleActivity)
      .off('data', onIdleActivity)
      .off('end', onIdleActivity)
      .off('error', onIdleActivity)
      .off('close', onIdleClose);
    socket.setTimeout(0);
    socket.ref();
    return socket;
  }

  function serialize(req: TransportRequest, keepAlive: boolean): Buffer {
    if (UNSAFE_PATH.test(req.path))
      throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid request path "${req.path}": it has a space or a control character`);
    let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${host}\r\n`;
    for (const [name, value] of Object.entries(req.headers)) {
      if (UNSAFE_VALUE.test(value))
        throw new OneGateError(
          'ONEGATE_INVALID_VALUE',
          `invalid ${name} header: it has a control character or a character outside Latin-1`,
        );
      head += `${name}: ${value}\r\n`;
    }
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    if (body) head += `Content-Length: ${body.length}\r\n`;
    head += `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`;
    return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
  }

  async function exchange(req: TransportRequest, reuse: boolean): Promise<ParsedResponse> {
    const idempotent = isIdempotent(req.method);
    // Non-idempotent requests (POST actions) never ride on a reused connection: a reset could not be retried.
    const pooled = reuse && idempotent ? takeIdle() : undefined;
    const request = serialize(req, idempotent);
    const socket = pooled ?? (await open(req.signal));
    let res: ParsedResponse;
    try {
      res = await roundTrip(
        socket,
        request,
        new ResponseParser({ method: req.method, maxBodyBytes: options.maxResponseBytes }),
        req.signal,
      );
    } catch (err) {
      // The server closed the idle connection just as it was reused: the request never reached it.
      const unanswered = isReset(err) || (err instanceof ResponseCutOffError && !err.answered);
      if (pooled && unanswered && !req.signal.aborted) return exchange(req, false);
      throw err;
    }
    if (res.reusable && idempotent) park(socket);
    else socket.destroy();
    return res;
  }

  return {
    async send(req) {
      let res: ParsedResponse;
      try {
        res = await exchange(req, true);
      } catch (err) {
        if (req.signal.aborted) throw req.signal.reason;
        if (err instanceof MalformedResponseError || err instanceof ResponseTooLargeError) {
          throw new OneGateError('ONEGATE_BAD_RESPONSE', `${req.method} ${req.path}: bad answer from ${where}: ${err.message}`, {
            cause: err,
          });
        }
        // Cut off: the server went away mid-answer (a restart, a crashed worker), so resending may succeed.
        if (err instanceof ResponseCutOffError) {
          throw new OneGateError('ONEGATE_UNREACHABLE', `${req.method} ${req.path}: ${err.message} (${where})`, {
            cause: err,
            transient: true,
          });
        }
        throw connectionFailure(err, where);
      }
      return { status: res.status, headers: res.headers, body: res.body.toString('utf8') };
    },
    close() {
      // Idle connections only: calls in flight finish (and then find no pool to return to).
      for (const socket of idle.splice(0)) socket.destroy();
    },
  };
}
