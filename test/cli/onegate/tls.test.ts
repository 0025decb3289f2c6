// TLS is verified by default (the Ruby client never verifies); --insecure, ONEGATE_INSECURE=1 and ONEGATE_CA
// are the ways out. A plain https server with a self-signed certificate stands in for OneGate behind TLS.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCert, type TestCert } from '../../agent/onegate/support/tls';
import { runCli } from './helpers';

const DOC = '{"VM":{"NAME":"tls-vm","ID":"42","STATE":"3","LCM_STATE":"3","USER_TEMPLATE":{},"TEMPLATE":{"NIC":[],"NIC_ALIAS":[]}}}';

describe('TLS', () => {
  let cert: TestCert | undefined;
  let server: Server | undefined;
  let endpoint = '';
  beforeAll(async () => {
    cert = await makeCert('IP:127.0.0.1');
    if (!cert) return;
    server = createServer({ key: cert.key, cert: cert.cert }, (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(DOC),
    );
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  const env = (extra: Record<string, string> = {}) => ({ ONEGATE_ENDPOINT: endpoint, VMID: '42', TOKENTXT: 't', ...extra });
  const shown = { status: 0, stdout: 'VM 42\nNAME                : tls-vm              \n', stderr: '' };

  it('refuses a certificate it cannot verify, exit 255 with a hint', async (ctx) => {
    if (!cert) ctx.skip(); // no openssl to make a certificate
    const r = await runCli(['vm', 'show'], env());
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(
      /^ERROR: \nError connecting to server \(TLS with https:\/\/127\.0\.0\.1:\d+ failed: .+\)\.\nServer: 127\.0\.0\.1:\d+\nhint: .+\n$/,
    );
  });

  it('--insecure and ONEGATE_INSECURE=1 skip the verification', async (ctx) => {
    if (!cert) ctx.skip();
    expect(await runCli(['vm', 'show', '--insecure'], env())).toEqual(shown);
    expect(await runCli(['vm', 'show'], env({ ONEGATE_INSECURE: '1' }))).toEqual(shown);
  });

  it('ONEGATE_CA names the CA that signed the certificate', async (ctx) => {
    if (!cert) ctx.skip();
    expect(await runCli(['vm', 'show'], env({ ONEGATE_CA: cert!.certFile }))).toEqual(shown);
  });
});
