// Endpoint forms the Ruby client gets wrong or right (its URI.parse of ONEGATE_ENDPOINT, share/onegate/onegate l.448): IPv6 literals (a deliberate
// fix), upper-case schemes and trailing slashes; on each server version, and with 7.0–7.2's host authorization, which checks the Host they send.
import { describe, expect, it } from 'vitest';
import { type Simulator, startOneGate } from '../../simulator/index';
import { perSuite } from '../../support/per-test';
import { SERVER_VERSIONS, switchConfig } from '../../support/server-versions';
import { runCli } from './helpers';

describe.each(SERVER_VERSIONS)('endpoint forms (OneGate %s)', (version) => {
  describe.each([false, true])('host_authorization %s', (hostAuthorization) => {
    const sims = perSuite(async () => {
      const options = { serverVersion: version, ...(hostAuthorization ? { config: switchConfig('hostAuthorization') } : {}) };
      const v4 = await startOneGate(options);
      // No IPv6 loopback: that test is skipped.
      const v6: Simulator | undefined = await startOneGate({ ...options, host: '::1' }).catch(() => undefined);
      return { v4, v6, close: () => Promise.all([v4.close(), v6?.close()]).then(() => undefined) };
    });

    it('an IPv6 literal endpoint works (its Host is an IP, which host authorization permits)', async (ctx) => {
      if (!sims.v6) ctx.skip();
      const c = sims.v6!.credentials(42);
      expect(c.endpoint).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const r = await runCli(['vm', 'get', 'DESCRIPTION'], { ONEGATE_ENDPOINT: c.endpoint, VMID: '42', TOKENTXT: c.token });
      expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
      expect(sims.v6!.requests.at(-1)!.headers.host).toMatch(/^\[::1\]:\d+$/);
    });

    it('an upper-case scheme and a trailing slash work', async () => {
      const c = sims.v4.credentials(42);
      const endpoint = `${c.endpoint.replace('http://', 'HTTP://')}/`;
      const r = await runCli(['vm', 'get', 'DESCRIPTION'], { ONEGATE_ENDPOINT: endpoint, VMID: '42', TOKENTXT: c.token });
      expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
      expect(sims.v4.requests.at(-1)!).toMatchObject({ path: '/vm', headers: { host: c.endpoint.slice('http://'.length) } });
    });
  });
});
