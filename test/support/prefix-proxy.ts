// A reverse proxy that serves a OneGate under a path prefix, as a gateway does for ONEGATE_ENDPOINT=https://gw.example/onegate
// (one-apps#27): a request under the prefix goes to the target with the prefix cut off; any other path is the proxy's own 404.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PrefixProxy {
  /** The proxy's endpoint with the prefix, e.g. http://127.0.0.1:PORT/onegate. */ endpoint: string;
  /** Every request path the proxy received, in order (query included). */ paths: string[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1 in front of `target` (an http://host:port URL). */
export async function startPrefixProxy(target: string, prefix = '/onegate'): Promise<PrefixProxy> {
  const to = new URL(target);
  const paths: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    paths.push(path);
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not under ${prefix}`);
      return;
    }
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: path.slice(prefix.length), headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${prefix}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
