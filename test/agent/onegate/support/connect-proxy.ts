// A minimal CONNECT proxy on 127.0.0.1 for the proxy tests: tunnels every target to 127.0.0.1 on the requested
// port (so test host names such as onegate.invalid need no DNS) and records what it was asked.
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** One CONNECT request as the proxy saw it. */
export interface ProxyRequest {
  /** The request line, e.g. "CONNECT onegate.invalid:5030 HTTP/1.1". */
  line: string;
  /** Proxy-Authorization header, if sent. */
  authorization?: string;
}

/** A running proxy. */
export interface TestProxy {
  url: string;
  requests: ProxyRequest[];
  close(): Promise<void>;
}

/**
 * Starts the proxy; with `requireAuth`, requests without that exact Proxy-Authorization get 407; with `status`,
 * every CONNECT gets that status instead of a tunnel.
 */
export async function startConnectProxy(opts: { requireAuth?: string; status?: number } = {}): Promise<TestProxy> {
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const lines = head.slice(0, end).split('\r\n');
      const authorization = lines.find((l) => /^proxy-authorization:/i.test(l))?.replace(/^[^:]+:\s*/, '');
      requests.push({ line: lines[0]!, authorization });
      const m = /^CONNECT [^ ]+:(\d+) HTTP\/1\.[01]$/.exec(lines[0]!);
      if (!m) return void client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
      if (opts.status !== undefined) return void client.end(`HTTP/1.1 ${opts.status} Refused\r\nContent-Length: 0\r\n\r\n`);
      if (opts.requireAuth !== undefined && authorization !== opts.requireAuth) {
        return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      }
      const upstream = connect(Number(m[1]), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
