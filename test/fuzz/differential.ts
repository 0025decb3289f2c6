// Differential fuzzing of the response parser against Node's own (llhttp, through node:http on a real socket):
// a seeded generator mutates valid responses, and both parsers' verdicts are compared. Our parser is
// stricter on purpose in a few places (docs/transport.md); `deliberate` names them, every other disagreement
// is a bug of one side.
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { ResponseParser } from '../../agent/onegate/transport/response-parser';

/** What a parser made of the bytes: a status and body (`extra`: bytes came after it), or an error. */
export type Verdict = { ok: true; status: number; body: string; extra?: boolean } | { ok: false; why: string };

const VM = '{"VM":{"ID":"42"}}';
const BASES = [
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${VM.length}\r\n\r\n${VM}`,
  `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\n{"VM"\r\nd\r\n:{"ID":"42"}}\r\n0\r\nX-T: 1\r\n\r\n`,
  `HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found`,
  `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}`,
  `HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody to the end`,
];
const INTERESTING = [0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x2d, 0x30, 0x31, 0x3a, 0x3b, 0x3d, 0x41, 0x61, 0x66, 0x7f, 0x80, 0xff];

export { random } from '../support/random';

/** One mutated response: a base with 1-3 edits (replace, insert or delete a byte; duplicate or drop a line). */
export function mutant(rand: () => number): Buffer {
  const pick = (n: number): number => Math.floor(rand() * n);
  let bytes = [...Buffer.from(BASES[pick(BASES.length)]!, 'latin1')];
  for (let edits = 1 + pick(3); edits > 0; edits--) {
    const at = pick(bytes.length);
    const byte = rand() < 0.8 ? INTERESTING[pick(INTERESTING.length)]! : pick(256);
    const kind = pick(5);
    if (kind === 0) bytes[at] = byte;
    else if (kind === 1) bytes.splice(at, 0, byte);
    else if (kind === 2) bytes.splice(at, 1);
    else {
      const text = Buffer.from(bytes).toString('latin1');
      const lines = text.split('\r\n');
      const line = 1 + pick(Math.max(1, lines.length - 2));
      if (kind === 3) lines.splice(line, 0, lines[line] ?? '');
      else lines.splice(line, 1);
      bytes = [...Buffer.from(lines.join('\r\n'), 'latin1')];
    }
  }
  return Buffer.from(bytes);
}

/** Our parser's verdict on `bytes`, fed one byte at a time, followed by the end of the connection. */
export function ours(bytes: Buffer): Verdict {
  const parser = new ResponseParser({ method: 'GET', maxBodyBytes: 1 << 20 });
  try {
    let at = 0;
    let res = parser.push(bytes.subarray(0, 0));
    while (!res && at < bytes.length) res = parser.push(bytes.subarray(at, ++at));
    res ??= parser.end();
    return { ok: true, status: res.status, body: res.body.toString('latin1'), extra: at < bytes.length };
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
}

/** A server on 127.0.0.1 that answers each connection with the bytes given to the next `theirs` call. */
export async function startLlhttpJudge(): Promise<{ theirs(bytes: Buffer): Promise<Verdict>; close(): Promise<void> }> {
  let next: Buffer = Buffer.alloc(0);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {}).on('close', () => sockets.delete(socket));
    socket.once('data', () => socket.end(next));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    theirs(bytes) {
      next = bytes;
      return new Promise((resolve) => {
        let settled = false;
        const settle = (v: Verdict): void => {
          if (!settled) resolve(v);
          settled = true;
        };
        const req = request({ host: '127.0.0.1', port, agent: false, timeout: 5000 }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => settle({ ok: true, status: res.statusCode!, body: Buffer.concat(parts).toString('latin1') }));
          res.on('error', (e) => settle({ ok: false, why: e.message }));
          res.on('aborted', () => settle({ ok: false, why: 'aborted' }));
        });
        req.on('error', (e) => settle({ ok: false, why: `${(e as { code?: string }).code ?? ''} ${e.message}` }));
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.end();
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * "agree", where ours (`a`) and llhttp (`b`) differ on purpose on `bytes` (docs/transport.md, "Compared with
 * llhttp"), or "disagree".
 */
export function compare(bytes: Buffer, a: Verdict, b: Verdict): 'agree' | 'disagree' | string {
  const raw = bytes.toString('latin1');
  if (a.ok && b.ok && a.status === b.status && a.body === b.body) return 'agree';
  if (!a.ok && !b.ok) return 'agree';
  // llhttp reads bytes after a complete response as a next one and fails on them; we keep the answer, drop the connection.
  if (a.ok && a.extra) return 'bytes after a complete response';
  if (!a.ok && /in the reason phrase/.test(a.why)) return 'control character in the reason phrase';
  if (!a.ok && /malformed status code/.test(a.why)) return 'status code with a leading 0';
  if (!a.ok && /before the status line|^the status line ends with LF/.test(a.why) && /^\r?\n|\r\n\r\n\r?\n/.test(raw))
    return 'bare CR or LF before a status line';
  if (!a.ok && /chunk size line: byte 0x3d/.test(a.why)) return 'chunk extension without a name';
  // llhttp keeps the whitespace after "chunked" and reads to the end; RFC 9110 §5.5 trims it.
  if (a.ok && b.ok && /Transfer-Encoding: chunked[ \t]+\r\n/i.test(raw)) return 'Transfer-Encoding value with trailing whitespace';
  return 'disagree';
}
