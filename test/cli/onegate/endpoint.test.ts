// Endpoint forms the Ruby client gets wrong or right (its URI.parse of ONEGATE_ENDPOINT, share/onegate/onegate l.448): IPv6 literals (a deliberate
// fix), upper-case schemes and trailing slashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startOneGate } from '../../simulator/index';
import { runCli } from './helpers';

describe('endpoint forms', () => {
  let v6: Simulator | undefined;
  let v4: Simulator;
  beforeAll(async () => {
    v4 = await startOneGate();
    v6 = await startOneGate({ host: '::1' }).catch(() => undefined); // no IPv6 loopback: that test is skipped
  });
  afterAll(async () => {
    await Promise.all([v4.close(), v6?.close()]);
  });

  it('an IPv6 literal endpoint works', async (ctx) => {
    if (!v6) ctx.skip();
    const c = v6!.credentials(42);
    expect(c.endpoint).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const r = await runCli(['vm', 'get', 'DESCRIPTION'], { ONEGATE_ENDPOINT: c.endpoint, VMID: '42', TOKENTXT: c.token });
    expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
  });

  it('an upper-case scheme and a trailing slash work', async () => {
    const c = v4.credentials(42);
    const endpoint = `${c.endpoint.replace('http://', 'HTTP://')}/`;
    const r = await runCli(['vm', 'get', 'DESCRIPTION'], { ONEGATE_ENDPOINT: endpoint, VMID: '42', TOKENTXT: c.token });
    expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
    expect(v4.requests.at(-1)!.path).toBe('/vm');
  });
});
