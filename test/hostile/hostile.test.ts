// The hostile-server suite: every case of cases.ts against the client library, the `onegate` CLI and
// `onegate-agent once`. Each must fail (or succeed) with its one-line message, within its deadline, and
// never show the token.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneGateClient } from '../../agent/onegate/client';
import { runAgentCli, startHarness } from '../agent/daemon/harness';
import { runCli } from '../cli/onegate/helpers';
import { perSuite } from '../support/per-test';
import { CA_FILE, CASES, type HostileCase, TRAP } from './cases';
import { startRawServer } from './raw-server';

const TOKEN = 'c2VjcmV0LXRva2VuLWZvci1ob3N0aWxlLXRlc3Rz';
/** The per-call timeout, seconds: short where a case must end with it, long (never reached) elsewhere. */
function timeoutOf(c: HostileCase): number {
  return c.timesOut ? 2 : 20;
}

async function withServer<T>(c: HostileCase, use: (url: string) => Promise<T>): Promise<T> {
  const server = await startRawServer(c.behave, c.server);
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

/** The fixture CA for the TLS cases. */
function caOf(c: HostileCase): string | undefined {
  return c.server ? CA_FILE : undefined;
}

// The target of every redirect: counts connections, answers nothing.
const trap = createServer((socket) => {
  TRAP.connections++;
  socket.destroy();
});
beforeAll(async () => {
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  TRAP.url = `http://127.0.0.1:${(trap.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => trap.close(() => r())));

describe.each(CASES)('$name', (c) => {
  it('library: the expected error (or answer), without the token', async () => {
    const result = await withServer(c, async (url) => {
      const client = new OneGateClient({
        credentials: { endpoint: url, vmid: '42', token: TOKEN },
        env: {},
        retries: 0,
        timeoutMs: timeoutOf(c) * 1000,
        maxResponseBytes: 1024 * 1024,
        caFile: caOf(c),
      });
      try {
        return await client.getVm();
      } catch (err) {
        return err as Error & { code: string };
      } finally {
        client.close();
      }
    });
    if (c.trap) expect(TRAP.connections).toBe(0);
    if (c.code === 'ok') {
      expect(result).toMatchObject({ VM: { ID: '42' } });
      return;
    }
    expect(result).toMatchObject({ code: c.code, message: expect.stringMatching(c.expect!) });
    if (c.hint) expect((result as { hint?: string }).hint).toMatch(c.hint);
    expect((result as Error).message).not.toContain(TOKEN);
    expect((result as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('onegate vm show: exit status and one escaped message, without the token', async () => {
    const r = await withServer(c, (url) =>
      runCli(['vm', 'show', '--timeout', String(timeoutOf(c))], {
        ONEGATE_ENDPOINT: url,
        VMID: '42',
        TOKENTXT: TOKEN,
        ...(c.server ? { ONEGATE_CA: CA_FILE } : {}),
      }),
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
    if (c.trap) expect(TRAP.connections).toBe(0);
    if (c.code === 'ok') {
      expect(r).toMatchObject({ status: 0, stderr: '' });
      expect(r.stdout).toContain('web_0');
      return;
    }
    expect(r.status).toBe(c.code === 'ONEGATE_BAD_RESPONSE' ? 1 : 255);
    expect(r.stdout).toBe('');
    if (!['ONEGATE_SERVER_ERROR', 'ONEGATE_HTTP_ERROR'].includes(c.code)) expect(r.stderr).toMatch(c.expect!);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('onegate-agent once', () => {
  const h = perSuite(() => startHarness());

  it.each(CASES.filter((c) => c.code !== 'ok' && !c.bodyOnly))('$name: exits 1 with one line, without the token', async (c) => {
    const onegate = { timeout: timeoutOf(c), ...(c.server ? { ca_file: CA_FILE } : {}) };
    const config = h.config({ attributes: { directory: '', static: { ROLE: 'db' } }, onegate });
    const r = await withServer(c, (url) =>
      runAgentCli(['once', '--config', config, '--context-dir', h.context({ ONEGATE_ENDPOINT: url, TOKEN: 'YES' })]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^onegate-agent once: [^\n]*\n$/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(h.sim.tokenFor(42));
    if (c.trap) expect(TRAP.connections).toBe(0);
  });
});

describe('connection reuse after an error', () => {
  it('a connection that carried a bad answer is never reused', async () => {
    let n = 0;
    const good = 'HTTP/1.1 200 OK\r\nContent-Length: 24\r\n\r\n{"VM":{"ID":"42","A":1}}';
    const server = await startRawServer((socket) => {
      socket.write(n++ === 0 ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX: \x00\r\n\r\n{}' : good);
    });
    const client = new OneGateClient({ credentials: { endpoint: server.url, vmid: '42', token: TOKEN }, env: {}, retries: 0 });
    try {
      await expect(client.getVm()).rejects.toMatchObject({ code: 'ONEGATE_BAD_RESPONSE' });
      expect(await client.getVm()).toMatchObject({ VM: { ID: '42' } });
      expect(server.connections()).toBe(2);
    } finally {
      client.close();
      await server.close();
    }
  });
});
