// Bad input never crashes the simulator: oversized bodies, bad JSON, invalid UTF-8, odd methods and paths.
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { shippedConfig } from '../config/config';
import { SERVER_VERSIONS } from '../config/versions';
import { startOneGate } from '../index';
import { call, rawExchange } from './client';

describe.each(SERVER_VERSIONS)('robustness on %s', (serverVersion) => {
  const sim = perSuite(() => startOneGate({ serverVersion, config: { ...shippedConfig(), ':simulator': { ':max_body_bytes': 1024 } } }));

  const raw = (text: string): Promise<string> => rawExchange(sim, text);

  describe('bad input', () => {
    it('answers 413 for a body over :max_body_bytes and keeps serving', async () => {
      // The client may see the 413 or a reset (the server closes while it still sends); the log has the 413.
      await call(sim, 'PUT', '/vm', { as: 42, body: 'A='.padEnd(4096, 'x') }).then(
        (r) => expect(r.status).toBe(413),
        () => undefined,
      );
      expect(sim.requests.at(-1)).toMatchObject({ method: 'PUT', status: 413 });
      expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(200);
    });

    it.each([
      ['invalid JSON action', 'POST', '/vms/43/action', '{"action":', 400],
      ['action body of invalid UTF-8', 'POST', '/vms/43/action', Buffer.from([0xff, 0xfe, 0x7b]), 400],
      ['raw PUT of invalid UTF-8', 'PUT', '/vm', Buffer.from([0x41, 0x3d, 0xff]), 500],
      ['scale body not JSON', 'PUT', '/service/role/web', '{', 500],
      ['encoded path id', 'GET', '/vms/%34%32', undefined, 200],
    ])('%s', async (_name, method, path, body, status) => {
      const r = await call(sim, method, path, { as: 42, body });
      expect(r.status).toBe(status);
      // Uncaught exceptions: 6.10 answers with Sinatra's development page, 7.4 with the message as JSON.
      const page = status === 500 && serverVersion === '6.10';
      expect(r.headers['content-type']).toBe(page ? 'text/html' : 'application/json;charset=utf-8');
    });

    it("a '%' without two hex digits in the query or a form body: Sinatra's 400, HTML-escaped twice, before any route or token", async () => {
      // As the real 6.10.5 (Rack 2.2) and 7.4.0 (Rack 3.1) of the reference harness answer.
      const q = await call(sim, 'GET', '/nope?a=1&load=50%');
      expect([q.status, q.body, q.headers['content-type']]).toEqual([
        400,
        'Invalid query parameters: invalid %-encoding (50%)',
        'text/html;charset=utf-8',
      ]);
      expect([q.headers['x-content-type-options'], q.headers['x-xss-protection'], q.headers['x-frame-options']]).toEqual([
        'nosniff',
        '1; mode=block',
        'SAMEORIGIN',
      ]);
      expect((await call(sim, 'GET', '/vm?a%=1', { as: 42 })).body).toBe('Invalid query parameters: invalid %-encoding (a%)');
      // (WEBrick refuses "%zz" in the request line itself with its own page; see docs/simulator.md)
      expect((await call(sim, 'GET', '/vm?x=%zz', { as: 42 })).body).toBe('Invalid query parameters: invalid %-encoding (%zz)');
      // a raw "/" in the query: Rack 2.2 escapes it (&#x2F;), Rack 3's CGI.escapeHTML keeps it
      expect((await call(sim, 'GET', '/vm?a=/b%', { as: 42 })).body).toBe(
        `Invalid query parameters: invalid %-encoding (${serverVersion === '6.10' ? '&amp;#x2F;' : '/'}b%)`,
      );
      const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
      const put = await call(sim, 'PUT', '/vm', { as: 42, headers: form, body: "data=it's 50%" });
      const quote = serverVersion === '6.10' ? '&amp;#x27;' : '&amp;#39;';
      expect([put.status, put.body]).toEqual([400, `Invalid query parameters: invalid %-encoding (it${quote}s 50%)`]);
      const act = await call(sim, 'POST', '/vms/43/action', { as: 42, headers: form, body: '{"action":{"perform":"hold%"}}' });
      expect(act.body).toBe(
        'Invalid query parameters: invalid %-encoding ({&amp;quot;action&amp;quot;:{&amp;quot;perform&amp;quot;:&amp;quot;hold%&amp;quot;}})',
      );
      // a well-formed escape still decodes
      expect((await call(sim, 'PUT', '/vm', { as: 42, headers: form, body: 'data=LOAD%3D50%25' })).status).toBe(200);
      expect(JSON.parse((await call(sim, 'GET', '/vm', { as: 42 })).body).VM.USER_TEMPLATE.LOAD).toBe('50%');
    });

    it('survives garbage on the socket, unknown methods and a missing Host', async () => {
      expect(await raw('NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
      expect(await raw('BREW /vm HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
      const noHost = await raw(`GET / HTTP/1.0\r\nX-ONEGATE-VMID: 42\r\nX-ONEGATE-TOKEN: ${sim.tokenFor(42)}\r\n\r\n`);
      expect(noHost).toContain('"vm_info":"http:///vm"');
      expect((await call(sim, 'TRACE', '/vm', { as: 42 })).status).toBe(400);
      expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(200);
    });
  });
});
