// A small node:http(s) server on 127.0.0.1 (or ::1) for client tests: records what arrives and lets each test
// script the answers. The simulator covers OneGate's behaviour; this covers the wire (resets, hangs, TLS).
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Header names with their original case, in order. */
  rawHeaderNames: string[];
  body: string;
  /** Index of the connection it came on (0 = first). */
  connection: number;
  /** Position of the request on its connection (0 = first). */
  onConnection: number;
}

/** How a test answers a request. */
export type Handler = (req: SeenRequest, res: http.ServerResponse, socket: Socket) => void;

/** A running test server. */
export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Number of TCP connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a server; `tls` switches to https with the given key and certificate. */
export async function startServer(
  handler: Handler,
  opts: { host?: string; tls?: { key: string; cert: string } } = {},
): Promise<TestServer> {
  const host = opts.host ?? '127.0.0.1';
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const perSocket = new Map<Socket, { index: number; count: number }>();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const info = perSocket.get(req.socket)!;
      const rawHeaderNames = req.rawHeaders.filter((_, i) => i % 2 === 0);
      const seen = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        rawHeaderNames,
        body,
        connection: info.index,
        onConnection: info.count++,
      };
      requests.push(seen);
      handler(seen, res, req.socket);
    });
  };
  const server = opts.tls ? https.createServer(opts.tls, onRequest) : http.createServer(onRequest);
  server.on(opts.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    perSocket.set(socket, { index: perSocket.size, count: 0 });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${hostPart}:${port}`,
    port,
    requests,
    connections: () => perSocket.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status and a body (OneGate's content type on every answer). */
export function reply(res: http.ServerResponse, status: number, body = ''): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8' });
  res.end(body);
}

/** A VM document like GET /vm returns. */
export const VM_JSON = JSON.stringify({
  VM: {
    NAME: 'web_0',
    ID: '42',
    STATE: '3',
    LCM_STATE: '3',
    USER_TEMPLATE: { READY: 'YES' },
    TEMPLATE: { NIC: [{ IP: '10.0.0.5' }], NIC_ALIAS: [] },
  },
});
