// Starting and stopping node:http listeners (shared by the OneGate and the control listener).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and returns the bound port. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes a server and destroys its open connections, hung requests included. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** http://host:port, with brackets around an IPv6 address. */
export const baseUrl = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
