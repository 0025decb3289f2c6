// Each kind of check against real local servers and programs; hung ones end by their timeout (the
// assertion is on the reason, never on elapsed time).
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../../agent/health/probe';
import { parseStatusLine } from '../../../agent/health/probe-http';
import type { HealthCheck, Probe } from '../../../agent/health/types';

const servers: Server[] = [];
let httpPort = 0;
let silentPort = 0;
let closedPort = 0;

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  httpPort = await listen(
    createHttpServer((req, res) => {
      const status = Number(req.url?.slice(1).split('?')[0]) || 200;
      res.writeHead(status, status === 302 ? { location: '/elsewhere' } : {});
      res.end('x'.repeat(req.url?.includes('big') ? 5_000_000 : 10));
    }) as unknown as Server,
  );
  // Accepts and never answers: the hung service.
  silentPort = await listen(createServer(() => {}));
  const gone = createServer();
  closedPort = await listen(gone);
  await new Promise<void>((r) => gone.close(() => r()));
});

afterAll(() => {
  for (const s of servers) s.close();
});

const check = (probe: Probe, timeoutMs = 2000): HealthCheck => ({
  name: 't',
  probe,
  intervalMs: 10_000,
  timeoutMs,
  failures: 1,
  successes: 1,
});
const run = (probe: Probe, timeoutMs?: number) => runProbe(check(probe, timeoutMs), new AbortController().signal);

describe('http checks', () => {
  it.each([
    ['/200', { ok: true, reason: '' }],
    ['/204', { ok: true, reason: '' }],
    ['/302', { ok: true, reason: '' }],
    ['/404', { ok: false, reason: 'HTTP 404' }],
    ['/503?x=1', { ok: false, reason: 'HTTP 503' }],
    ['/200?big', { ok: true, reason: '' }],
  ])('GET %s', async (path, expected) => {
    expect(await run({ kind: 'http', url: `http://127.0.0.1:${httpPort}${path}` })).toEqual(expected);
  });

  it('fails on a refused connection and on a server that never answers', async () => {
    expect(await run({ kind: 'http', url: `http://127.0.0.1:${closedPort}/` })).toEqual({ ok: false, reason: 'connection refused' });
    expect(await run({ kind: 'http', url: `http://127.0.0.1:${silentPort}/` }, 300)).toEqual({
      ok: false,
      reason: 'timed out after 0.3 s',
    });
  });

  it('parses status lines', () => {
    expect(parseStatusLine('HTTP/1.1 200 OK')).toBe(200);
    expect(parseStatusLine('HTTP/1.0 503')).toBe(503);
    expect(parseStatusLine('SSH-2.0-OpenSSH')).toBeUndefined();
  });
});

describe('tcp checks', () => {
  it('passes when the port accepts, fails when refused', async () => {
    expect(await run({ kind: 'tcp', host: '127.0.0.1', port: silentPort })).toEqual({ ok: true, reason: '' });
    expect(await run({ kind: 'tcp', host: '127.0.0.1', port: closedPort })).toEqual({ ok: false, reason: 'connection refused' });
  });
});

describe('command checks', () => {
  it('passes on exit 0, fails with the status and the last line said', async () => {
    expect(await run({ kind: 'command', argv: ['true'] })).toEqual({ ok: true, reason: '' });
    expect(await run({ kind: 'command', argv: ['sh', '-c', 'echo starting; echo "db down" >&2; exit 3'] })).toEqual({
      ok: false,
      reason: 'exit 3: db down',
    });
    expect(await run({ kind: 'command', argv: ['/nonexistent/check'] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^cannot start/),
    });
  });

  it('kills a hung check at its timeout', async () => {
    expect(await run({ kind: 'command', argv: ['sleep', '30'] }, 300)).toEqual({ ok: false, reason: 'timed out after 0.3 s' });
  });
});
