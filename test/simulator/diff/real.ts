// Differential check against the real OneGate server of the reference harness (docs/simulator.md; not for CI):
//   npx tsx test/simulator/diff/real.ts [--server-version 7.4] http://127.0.0.1:5030 [http://127.0.0.1:2633 http://127.0.0.1:2474]
// Resets the fakes, starts a simulator imitating that version (default 6.10) with the same fixture, sends
// every case to both in the same order and prints the differences (status, headers, body). Exit 1 on any.
import { request } from 'node:http';
import { shippedConfig } from '../config/config';
import { startOneGate } from '../index';
import { DIFF_CASES, type DiffCase } from './cases';

interface Got {
  status: number;
  type: string;
  body: string;
}

function send(base: string, c: DiffCase, token: (vm: number) => string): Promise<Got> {
  const u = new URL(base);
  const headers: Record<string, string> = { ...c.headers };
  if (c.as !== undefined) Object.assign(headers, { 'X-ONEGATE-VMID': String(c.as), 'X-ONEGATE-TOKEN': token(c.as) });
  if (c.tokenOf !== undefined) headers['X-ONEGATE-TOKEN'] = `${c.tokenPad ?? ''}${token(c.tokenOf)}${c.tokenPad ?? ''}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: c.method, path: c.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (x: Buffer) => chunks.push(x));
      const type = `${String(res.headers['content-type'] ?? '')} ${headerSignature(res.rawHeaders)}`;
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

// The other response headers, by name and value (lower-cased names, sorted), without the ones that differ by
// nature (Server, Date, the connection's) and Content-Length's value (the body is compared).
const VOLATILE = new Set(['server', 'date', 'connection', 'keep-alive', 'content-type']);
function headerSignature(raw: string[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!VOLATILE.has(name)) out.push(name === 'content-length' ? name : `${name}=${raw[i + 1]}`);
  }
  return out.sort().join(' ');
}

// JSON bodies are compared as values (key order included, via re-serialisation); others as text.
const norm = (b: string): string => {
  try {
    return JSON.stringify(JSON.parse(b));
  } catch {
    return b;
  }
};
// Sinatra's development error page (≤ 7.0.0) holds a backtrace; the simulator matches its title only.
const title = (b: string): string | undefined => /<title>([^<]*)<\/title>/.exec(b)?.[1];
const samePage = (a: Got, b: Got): boolean =>
  a.status === 500 && b.status === 500 && a.type === b.type && title(a.body) !== undefined && title(a.body) === title(b.body);

// Where two bodies differ: JSON paths with both values (at most 8), else the text around the first difference.
function bodyDiff(real: string, sim: string): string[] {
  let x: unknown, y: unknown;
  try {
    [x, y] = [JSON.parse(real), JSON.parse(sim)];
  } catch {
    let at = 0;
    while (at < real.length && real[at] === sim[at]) at++;
    const from = Math.max(0, at - 80);
    return [`real …${JSON.stringify(real.slice(from, at + 160))}`, `sim  …${JSON.stringify(sim.slice(from, at + 160))}`];
  }
  const out: string[] = [];
  const walk = (p: string, u: unknown, v: unknown): void => {
    if (out.length >= 8) return;
    if (u && v && typeof u === 'object' && typeof v === 'object' && Array.isArray(u) === Array.isArray(v)) {
      const ku = Object.keys(u),
        kv = Object.keys(v);
      if (!Array.isArray(u) && ku.join() !== kv.join() && ku.length === kv.length && ku.every((k) => kv.includes(k)))
        out.push(`${p}: key order real ${ku.join(',')} / sim ${kv.join(',')}`);
      for (const k of new Set([...ku, ...kv])) walk(`${p}.${k}`, (u as Record<string, unknown>)[k], (v as Record<string, unknown>)[k]);
    } else if (JSON.stringify(u) !== JSON.stringify(v))
      out.push(`${p}: real ${JSON.stringify(u)?.slice(0, 160)} / sim ${JSON.stringify(v)?.slice(0, 160)}`);
  };
  walk('$', x, y);
  return out;
}

async function main(version: string, real: string, oned = 'http://127.0.0.1:2633', flow = 'http://127.0.0.1:2474'): Promise<number> {
  for (const url of [`${oned}/debug/reset`, `${flow}/debug/reset`]) await fetch(url, { method: 'POST' });
  const sim = await startOneGate({
    config: { ...shippedConfig(), ':simulator': { ':version': version, ':scale_creates_vms': false } },
  });
  let diffs = 0;
  for (const c of DIFF_CASES) {
    const [a, b] = [await send(real, c, (vm) => sim.tokenFor(vm)), await send(sim.url, c, (vm) => sim.tokenFor(vm))];
    const same = a.status === b.status && a.type === b.type && norm(a.body) === norm(b.body);
    const page = !same && samePage(a, b);
    if (!same && !page) diffs++;
    process.stdout.write(`${same ? 'SAME' : page ? 'PAGE' : 'DIFF'} ${c.method} ${c.path} as=${c.as ?? '-'} ${c.note ?? ''}\n`);
    if (!same && !page) {
      process.stdout.write(`  real: ${a.status} ${a.type}\n  sim:  ${b.status} ${b.type}\n`);
      for (const line of bodyDiff(a.body, b.body)) process.stdout.write(`  ${line}\n`);
    }
  }
  await sim.close();
  process.stdout.write(`${DIFF_CASES.length - diffs} same (error pages compared by title), ${diffs} different\n`);
  return diffs === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
const version = args[0] === '--server-version' ? (args.splice(0, 2)[1] ?? '6.10') : '6.10';
void main(version, args[0] ?? 'http://127.0.0.1:5030', args[1], args[2]).then((code) => {
  process.exitCode = code;
});
