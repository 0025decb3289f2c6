// A raw node:http client for the conformance tests: any method, exact bytes, all headers back.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Simulator } from '../index';

/** An answer as received. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of call(). */
export interface CallOptions {
  body?: string | Buffer;
  headers?: Record<string, string>;
  as?: number | string;
  token?: string;
}

/** Sends one request to the simulator, authenticated as VM `as` unless `headers` override it. */
export function call(sim: Simulator, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  const auth: Record<string, string> = {};
  if (opts.as !== undefined) {
    auth['X-ONEGATE-VMID'] = String(opts.as);
    auth['X-ONEGATE-TOKEN'] = opts.token ?? sim.tokenFor(opts.as);
  }
  const url = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...auth, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A form-encoded PUT body as the official CLI sends it. */
export const form = (data: string, type?: number): { body: string; headers: Record<string, string> } => ({
  body: `data=${encodeURIComponent(data)}${type === undefined ? '' : `&type=${type}`}`,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

/** A JSON body with its Content-Type. */
export const json = (value: unknown): { body: string; headers: Record<string, string> } => ({
  body: JSON.stringify(value),
  headers: { 'Content-Type': 'application/json' },
});

/** Writes `text` as it is on a new connection (no header added, not even Host) and returns every byte read back. */
export function rawExchange(sim: Simulator, text: string): Promise<string> {
  const url = new URL(sim.url);
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname, () => s.end(text));
    let out = '';
    s.on('data', (c: Buffer) => {
      out += c.toString('latin1');
    });
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}
