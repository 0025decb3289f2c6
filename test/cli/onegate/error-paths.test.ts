// Failures as users meet them: server down, auth and permission errors, plain-text error bodies, answers
// that are not JSON, hangs and resets (simulator faults), with the Ruby client's texts and exit statuses.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { halt500Text, SERVER_VERSIONS, switchOn } from '../../support/server-versions';
import { runCli, startWorld, vmEnv } from './helpers';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

// No server at all: once.
describe('error paths without a server', () => {
  it('server down: "Error connecting to server" and the Server line, exit 255 (after one retry)', async () => {
    const port = await closedPort();
    const r = await runCli(['vm', 'show'], { ONEGATE_ENDPOINT: `http://127.0.0.1:${port}`, VMID: '42', TOKENTXT: 't' });
    expect(r.status).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `ERROR: \nError connecting to server (cannot reach OneGate at http://127.0.0.1:${port}: connection refused).\nServer: 127.0.0.1:${port}\n`,
    );
  });
});

describe.each(SERVER_VERSIONS)('error paths (OneGate %s)', (version) => {
  const sim = perSuite(() => startWorld(undefined, version));
  afterEach(() => sim.clearFaults());

  it('401 with a wrong or missing token: "Not authorized", exit 255', async () => {
    const wrong = await runCli(['vm', 'show'], vmEnv(sim, 42, { TOKENTXT: 'bm9wZQ==' }));
    expect(wrong).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \nNot authorized\n' });
    const missing = await runCli(['vm', 'update', '--data', 'A=1'], { ONEGATE_ENDPOINT: sim.url, VMID: '42' });
    expect(missing).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \nNot authorized\n' });
  });

  it('404 for a virtual network that does not exist, with its body', async () => {
    const router = await startWorld('spec-vrouter', version);
    try {
      expect(await runCli(['vnet', 'show', '99'], vmEnv(router, 42))).toEqual({
        status: 255,
        stdout: '',
        stderr: 'ERROR: \nVirtual network 99 not found\n',
      });
      expect(router.requests.at(-1)!.status).toBe(404);
    } finally {
      await router.close();
    }
  });

  it('a 500 from a halt in the server (erasing a missing attribute): its body as the server sent it, exit 255', async () => {
    const r = await runCli(['vm', 'update', '--erase', 'NO_SUCH_ATTRIBUTE'], vmEnv(sim, 42));
    // error_500_handler: 7.x sends "Internal server error" instead of the halt's text, as the Ruby client then
    // prints; one hint line follows, saying the reason was lost and where it is.
    const ruby = `ERROR: \n${halt500Text(version, 'attribute not found')}\n`;
    expect(r.status).toBe(255);
    if (switchOn(version, 'errorHandler500')) {
      expect(r.stderr.startsWith(ruby)).toBe(true);
      expect(r.stderr.slice(ruby.length)).toMatch(/^hint: OneGate 7\.x sends this text in place of its refusal's reason .*server log.*\n$/);
    } else expect(r.stderr).toBe(ruby);
    expect(sim.requests.at(-1)!.status).toBe(500);
  });
});

// Faults answer in place of the server, the same on every version: once.
describe('error paths from faults', () => {
  const sim = perSuite(() => startWorld());
  afterEach(() => sim.clearFaults());

  it('403 Host not permitted (7.0-7.2): the answer as Ruby prints it, then what the server refuses and the two fixes', async () => {
    sim.setFault({ route: '/vm', kind: 'status', status: 403, body: 'Host not permitted' });
    const r = await runCli(['vm', 'show'], vmEnv(sim, 42));
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(
      /^ERROR: \nHost not permitted\nhint: the server refuses the endpoint's host name in the request's Host header .+\n$/,
    );
    expect(r.stderr).toContain('use an IP address in ONEGATE_ENDPOINT');
    expect(r.stderr).toContain(':permitted_hosts:');
  });

  it('other refusals keep the Ruby bytes: no hint after a 403 with another text or a 500 with a reason', async () => {
    sim.setFault({ route: '/vm', kind: 'status', status: 403, body: 'Action (reboot) is restricted' });
    expect((await runCli(['vm', 'show'], vmEnv(sim, 42))).stderr).toBe('ERROR: \nAction (reboot) is restricted\n');
    sim.clearFaults();
    sim.setFault({ route: '/vm', kind: 'status', status: 500, body: 'Internal server error: disk full' });
    expect((await runCli(['vm', 'show'], vmEnv(sim, 42))).stderr).toBe('ERROR: \nInternal server error: disk full\n');
  });

  it('500 with a plain-text body: printed verbatim, never parsed', async () => {
    sim.setFault({ route: '/vm', kind: 'status', status: 500, body: 'attribute not found\nsecond line' });
    expect(await runCli(['vm', 'show', '--json'], vmEnv(sim, 42))).toEqual({
      status: 255,
      stdout: '',
      stderr: 'ERROR: \nattribute not found\nsecond line\n',
    });
  });

  it("a body that ends with a line feed gets no second one (Ruby's puts); an empty body prints an empty line", async () => {
    // e.g. a proxy's or another server's page in front of the endpoint (seen with the harness's fake oned's 404)
    sim.setFault({ route: '/vm', kind: 'status', status: 404, body: '<html>404 Not Found</html>\n' });
    expect(await runCli(['vm', 'show'], vmEnv(sim, 42))).toEqual({
      status: 255,
      stdout: '',
      stderr: 'ERROR: \n<html>404 Not Found</html>\n',
    });
    sim.clearFaults();
    sim.setFault({ route: '/vm', kind: 'status', status: 502, body: '' });
    expect(await runCli(['vm', 'show'], vmEnv(sim, 42))).toEqual({ status: 255, stdout: '', stderr: 'ERROR: \n\n' });
  });

  it('a 2xx that is not JSON: exit 1 naming the request', async () => {
    sim.setFault({ route: '/vm', kind: 'status', status: 200, body: '<html>proxy login</html>' });
    const r = await runCli(['vm', 'show'], vmEnv(sim, 42));
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: 'onegate: GET /vm answered 200 with a body that is not JSON: "<html>proxy login</html>"\n',
    });
  });

  it('a server that never answers: "Error timeout" after --timeout, exit 255', async () => {
    sim.setFault({ route: '/vm', kind: 'hang' });
    const started = Date.now();
    const r = await runCli(['vm', 'show', '--timeout', '1'], vmEnv(sim, 42));
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(
      /^ERROR: \nError timeout while connected to server \(GET \/vm: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 1000 ms\)\.\nServer: 127\.0\.0\.1:\d+\n$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ONEGATE_TIMEOUT sets the bound too', async () => {
    sim.setFault({ route: '/vm', kind: 'hang' });
    const r = await runCli(['vm', 'show'], vmEnv(sim, 42, { ONEGATE_TIMEOUT: '1.5' }));
    expect(r.stderr).toContain('within 1500 ms');
  });

  it('a connection reset on a GET is retried once and the command succeeds', async () => {
    sim.setFault({ route: '/vm', kind: 'reset', times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['vm', 'get', 'DESCRIPTION'], vmEnv(sim, 42));
    expect(r).toEqual({ status: 0, stdout: 'frontend\n', stderr: '' });
    expect(sim.requests.slice(before).map((q) => q.status)).toEqual([0, 200]);
  });

  it('a reset on an action (POST) is not retried', async () => {
    sim.setFault({ route: '/vms/:id/action', kind: 'reset', times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['vm', 'resume', '43'], vmEnv(sim, 42));
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/^ERROR: \nError connecting to server \(/);
    expect(sim.requests.length - before).toBe(1);
  });
});
