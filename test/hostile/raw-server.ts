// A raw TCP (or TLS) server on 127.0.0.1 that answers every request head with a scripted hostile behaviour, and
// records how many connections and request heads it saw.
import { createServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/** What the server does once a request head is in (given as text): write bytes, hang, or stream for ever. */
export type Behaviour = (socket: Socket, request: string) => void;

/** A running hostile server. */
export interface RawServer {
  /** http://127.0.0.1:PORT, or https:// for a TLS server or one that answers a TLS client's first bytes. */
  url: string;
  /** Connections accepted. */
  connections(): number;
  /** Request heads received. */
  requests(): number;
  close(): Promise<void>;
}

/** How the server listens: TLS with this key and certificate, or raw TCP answering the first bytes (a TLS client's hello). */
export interface RawServerOptions {
  tls?: { key: string; cert: string };
  firstBytes?: boolean;
}

export async function startRawServer(behave: Behaviour, opts: RawServerOptions = {}): Promise<RawServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let requests = 0;
  const onSocket = (socket: Socket): void => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => {});
    if (opts.firstBytes) {
      socket.once('data', (d: Buffer) => behave(socket, d.toString('latin1')));
      return;
    }
    let seen = '';
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      // One answer per request head; a body (PUT /vm) follows its head and is ignored.
      while (seen.includes('\r\n\r\n')) {
        const head = seen.slice(0, seen.indexOf('\r\n\r\n'));
        seen = seen.slice(seen.indexOf('\r\n\r\n') + 4).replace(/^[^A-Z]*/, '');
        requests++;
        behave(socket, head);
      }
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, onSocket) : createServer(onSocket);
  // A TLS handshake the client refuses (an expired certificate) is an error here, not a failure of the test.
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `${opts.tls || opts.firstBytes ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections: () => connections,
    requests: () => requests,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Writes `bytes` and closes. */
export function sendAndClose(bytes: Buffer): Behaviour {
  return (socket) => socket.end(bytes);
}

/** Answers with the bytes `answer` makes of the request head (an echo), and closes. */
export function echo(answer: (request: string) => string): Behaviour {
  return (socket, request) => socket.end(Buffer.from(answer(request), 'latin1'));
}

/** Writes `bytes`, then resets the connection (TCP RST) once they had time to leave. */
export function sendAndReset(bytes: Buffer, afterMs = 100): Behaviour {
  return (socket) => {
    socket.write(bytes);
    const timer = setTimeout(() => socket.resetAndDestroy(), afterMs);
    socket.on('close', () => clearTimeout(timer));
  };
}

/** Writes `bytes` and keeps the connection open, saying nothing more. */
export function sendAndHang(bytes: Buffer): Behaviour {
  return (socket) => socket.write(bytes);
}

/** Writes `first`, then `piece` every `everyMs` until the client goes away (bounded by the client's own limits). */
export function stream(first: Buffer, piece: Buffer, everyMs = 0): Behaviour {
  return (socket) => {
    socket.write(first);
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      // Only when the kernel buffer drained: memory here stays flat too.
      if (socket.writableLength < 1 << 20) socket.write(piece);
    }, everyMs);
    socket.on('close', () => clearInterval(timer));
  };
}
