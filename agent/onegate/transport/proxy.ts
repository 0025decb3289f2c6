// The proxied path: an HTTP CONNECT tunnel through the proxy, made with node:http and, for https endpoints,
// TLS to OneGate inside it (so the token never travels in a proxy's request line, and certificate checks are
// against OneGate's name). Built on node:http rather than undici's ProxyAgent: merely bundling undici adds
// ~535 KB to every bundle and ~25 ms CPU / ~4 MB RSS to every CLI start, proxied or not (docs/client.md).
import { isIP, type Socket } from 'node:net';
import type tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Endpoint } from '../endpoint';
import { OneGateError } from '../errors';
import { redactProxy } from '../proxy-env';
import { createHttpTransport, type Connector } from './http';
import type { Transport, TransportOptions } from './types';

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '') return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(pair).toString('base64')}` };
}

/** Opens a CONNECT tunnel to the endpoint through `proxy`; the callback gets the raw tunnel socket. */
function openTunnel(proxy: URL, endpoint: Endpoint, timeoutMs: number, where: string, done: (err: Error | null, socket?: Socket) => void): void {
  const target = `${isIP(endpoint.hostname) === 6 ? `[${endpoint.hostname}]` : endpoint.hostname}:${endpoint.port}`;
  const secureProxy = proxy.protocol === 'https:';
  // node:https and node:tls are loaded only when used, as in http.ts.
  const req = process.getBuiltinModule(secureProxy ? 'node:https' : 'node:http').request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port || (secureProxy ? 443 : 80),
    method: 'CONNECT', path: target, agent: false, headers: { Host: target, ...proxyAuthorization(proxy) },
  });
  // Same bound and message as the request's own connect timer, which cannot reach this CONNECT request.
  const timer = setTimeout(() => req.destroy(new OneGateError('ONEGATE_TIMEOUT', `connecting to ${where} took longer than ${timeoutMs} ms`, { transient: true })), timeoutMs);
  req.once('connect', (res, socket) => {
    clearTimeout(timer);
    if (res.statusCode === 200) return done(null, socket);
    socket.destroy();
    const status = res.statusCode ?? 0;
    done(Object.assign(new Error(`the proxy answered ${status} ${res.statusMessage ?? ''} to CONNECT ${target}`.trim()), {
      code: 'ERR_PROXY_CONNECT', transient: status >= 500,
    }));
  });
  req.once('error', (err) => {
    clearTimeout(timer);
    done(err);
  });
  req.end();
}

/** Creates the transport that reaches `endpoint` through the proxy at `proxyUrl`, with keep-alive reuse. */
export function createProxyTransport(endpoint: Endpoint, proxyUrl: URL, options: TransportOptions): Transport {
  const where = `${endpoint.origin} via proxy ${redactProxy(proxyUrl)}`;
  const connect: Connector = (agentOptions, callback) => {
    openTunnel(proxyUrl, endpoint, options.connectTimeoutMs, where, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no tunnel'), undefined as unknown as Duplex);
      if (endpoint.protocol === 'http:') return callback(null, socket);
      // agentOptions carry ca, rejectUnauthorized and the servername the https agent computed.
      callback(null, process.getBuiltinModule('node:tls').connect({ ...(agentOptions as tls.ConnectionOptions), socket }));
    });
    return undefined;
  };
  return createHttpTransport(endpoint, options, { where, connect });
}
