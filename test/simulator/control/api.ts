// The control listener: JSON over HTTP on its own port, for tests and demos (docs/simulator.md).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { baseUrl, closeServer, listen } from '../http/listen';
import type { SimState } from '../http/state';
import { tokenOf } from './contexts';
import { type Fault, validateFault } from './faults';
import type { SimOps } from './ops';
import type { Recorder } from './recorder';

/** What the control API works on. */
export interface ControlDeps {
  sim: SimState;
  recorder: Recorder;
  faults: Fault[];
  ops: SimOps;
  tokenFor(vmid: number | string): string;
}

type Answer = [number, unknown];
type Route = [string, RegExp, (m: string[], body: Record<string, unknown>) => Answer | Promise<Answer>];

function routes(d: ControlDeps): Route[] {
  const w = d.sim.world;
  const tokens = (): Record<string, string | null> => Object.fromEntries([...w.vms.values()].map((vm) => [vm.id, tokenOf(w, vm) ?? null]));
  return [
    ['GET', /^\/health$/, () => [200, { ok: true }]],
    [
      'GET',
      /^\/vms$/,
      () => [200, [...w.vms.values()].map((vm) => ({ ID: vm.id, NAME: vm.name, STATE: vm.state, LCM_STATE: vm.lcmState }))],
    ],
    ['POST', /^\/vms$/, (_m, b) => [201, d.ops.addVm(b)]],
    ['GET', /^\/vms\/(\d+)$/, (m) => [200, d.ops.vm(m[1])]],
    [
      'DELETE',
      /^\/vms\/(\d+)$/,
      (m) => {
        d.ops.removeVm(m[1]);
        return [204, null];
      },
    ],
    [
      'PUT',
      /^\/vms\/(\d+)\/state$/,
      (m, b) => [200, d.ops.setVmState(m[1], int(b.state, 'state'), b.lcm_state === undefined ? undefined : int(b.lcm_state, 'lcm_state'))],
    ],
    ['PUT', /^\/vms\/(\d+)\/user_template$/, (m, b) => [200, d.ops.appendUserTemplate(m[1], b as Record<string, string>)]],
    ['GET', /^\/vms\/(\d+)\/token$/, (m) => [200, { token: d.tokenFor(m[1]) }]],
    ['GET', /^\/vms\/(\d+)\/counters$/, (m) => [200, d.recorder.counters.get(m[1]) ?? { requests: 0, byRoute: {}, byStatus: {} }]],
    ['GET', /^\/counters$/, () => [200, Object.fromEntries(d.recorder.counters)]],
    ['GET', /^\/tokens$/, () => [200, tokens()]],
    [
      'PUT',
      /^\/users\/([^/]+)\/token_password$/,
      async (m, b) => {
        await d.ops.setTokenPassword(decodeURIComponent(m[1]), str(b.password, 'password'));
        return [200, { tokens: tokens() }];
      },
    ],
    [
      'PUT',
      /^\/services\/(\d+)\/roles\/([^/]+)$/,
      (m, b) => {
        d.ops.scaleRole(m[1], decodeURIComponent(m[2]), int(b.cardinality, 'cardinality'));
        return [204, null];
      },
    ],
    [
      'POST',
      /^\/services\/(\d+)\/roles\/([^/]+)\/nodes$/,
      (m, b) => {
        d.ops.addServiceNode(m[1], decodeURIComponent(m[2]), int(b.vmid, 'vmid'));
        return [204, null];
      },
    ],
    [
      'DELETE',
      /^\/services\/(\d+)\/roles\/([^/]+)\/nodes\/(\d+)$/,
      (m) => {
        d.ops.removeServiceNode(m[1], decodeURIComponent(m[2]), m[3]);
        return [204, null];
      },
    ],
    ['GET', /^\/requests$/, () => [200, d.recorder.requests]],
    [
      'DELETE',
      /^\/requests$/,
      () => {
        d.recorder.clear();
        return [204, null];
      },
    ],
    ['GET', /^\/faults$/, () => [200, d.faults]],
    [
      'POST',
      /^\/faults$/,
      (_m, b) => {
        d.faults.push(validateFault(b));
        return [201, d.faults];
      },
    ],
    [
      'DELETE',
      /^\/faults$/,
      () => {
        d.faults.length = 0;
        return [204, null];
      },
    ],
  ];
}

function int(v: unknown, name: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (!Number.isInteger(n)) throw new Error(`${name}: "${String(v)}" is not an integer`);
  return n as number;
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new Error(`${name}: must be a string`);
  return v;
}

async function handle(table: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size <= 1 << 20) chunks.push(c as Buffer);
  }
  const reply = (status: number, value: unknown): void => {
    const text = status === 204 ? '' : `${JSON.stringify(value)}\n`;
    res.writeHead(status, status === 204 ? {} : { 'Content-Type': 'application/json' }).end(text);
  };
  const path = (req.url ?? '/').split('?')[0];
  const hits = table.filter(([, re]) => re.test(path));
  const route = hits.find(([m]) => m === req.method);
  if (!route)
    return reply(hits.length ? 405 : 404, {
      error: `${req.method} ${path}: ${hits.length ? 'method not allowed' : 'no such control route'}`,
    });
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    if (size > 1 << 20) throw new Error('body larger than 1 MiB');
    const body = text.trim() === '' ? {} : JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('body must be a JSON object');
    const [status, value] = await route[2](route[1].exec(path)!, body);
    reply(status, value);
  } catch (e) {
    reply(/^no (VM|user|role)/.test((e as Error).message) ? 404 : 400, { error: (e as Error).message });
  }
}

/** Starts the control listener. */
export async function startControl(d: ControlDeps, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const table = routes(d);
  const server = createServer((req, res) => void handle(table, req, res).catch(() => res.destroy()));
  const bound = await listen(server, host, port);
  return { url: baseUrl(host, bound), close: () => closeServer(server) };
}
