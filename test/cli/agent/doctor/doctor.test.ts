// `onegate-agent doctor` against the simulator over real HTTP on 127.0.0.1, breaking one link per case: the
// right check fails (or warns) with the right advice, the checks behind it are skipped, the exit status
// follows, and the case's token appears nowhere in the output.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../../cli/agent/doctor/types';
import { startConnectProxy } from '../../../agent/onegate/support/connect-proxy';
import { startServer } from '../../../agent/onegate/support/server';
import { makeCert } from '../../../agent/onegate/support/tls';
import { shippedConfig } from '../../../simulator/config/config';
import { startOneGate } from '../../../simulator/index';
import { type Closable, perSuite } from '../../../support/per-test';
import { configFile, contextDir, type DoctorRun, FAKE_TOKEN, runDoctor, testDeps } from './support';

const sim = perSuite(() => startOneGate());

/** What a case sets up: the arguments, the environment, the token it used, what to close after. */
interface Setup {
  argv: string[];
  env?: Record<string, string>;
  token: string;
  closables?: Closable[];
}

/** One broken link: the check that must report it, its verdict, evidence and advice, and the exit status. */
interface Case {
  name: string;
  setup(): Promise<Setup>;
  check: string;
  verdict: Verdict;
  evidence: RegExp;
  advice: RegExp;
  exit: number;
  /** Checks that must have been skipped because of it. */
  skipped?: string[];
  /** Checks before it that warn by the case's design (a proxy the case needs). */
  warnedBefore?: string[];
}

function vmContext(endpoint: string, token = sim.tokenFor(42)): string {
  return contextDir({ ONEGATE_ENDPOINT: endpoint, VMID: '42', TOKEN: 'YES', ETH0_IP: '10.0.0.5' }, token);
}

function argsFor(dir: string, config = configFile().file): string[] {
  return ['--config', config, '--context-dir', dir];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = (url: string): string => new URL(url).port;

const CASES: Case[] = [
  {
    name: 'no context',
    setup: async () => ({ argv: argsFor(contextDir({}, '').replace(/$/, '/none')), token: FAKE_TOKEN }),
    check: 'context',
    verdict: 'fail',
    evidence: /no context found|not found|no such/i,
    advice: /--context-dir/,
    exit: 2,
    skipped: ['endpoint', 'resolve', 'vm', 'features'],
  },
  {
    name: 'context without a token',
    setup: async () => ({ argv: argsFor(contextDir({ ONEGATE_ENDPOINT: sim.url, VMID: '42' }, '')), token: FAKE_TOKEN }),
    check: 'context',
    verdict: 'fail',
    evidence: /2 variables \(ONEGATE_ENDPOINT, VMID\); no token/,
    advice: /TOKEN="YES"/,
    exit: 2,
  },
  {
    name: 'malformed endpoint',
    setup: async () => ({ argv: argsFor(vmContext('http//127.0.0.1:5030', FAKE_TOKEN)), token: FAKE_TOKEN }),
    check: 'endpoint',
    verdict: 'fail',
    evidence: /ONEGATE_ENDPOINT in context\.sh .*"http\/\/127\.0\.0\.1:5030" is not an http\(s\) URL/,
    advice: /must look like http:\/\/169\.254\.16\.9:5030/,
    exit: 2,
    skipped: ['resolve', 'connect', 'vm'],
  },
  {
    name: 'endpoint with a query',
    setup: async () => ({ argv: argsFor(vmContext(`${sim.url}/?x=1`, FAKE_TOKEN)), token: FAKE_TOKEN }),
    check: 'endpoint',
    verdict: 'fail',
    evidence: /a query or fragment is not supported/,
    advice: /must look like/,
    exit: 2,
  },
  {
    name: 'unresolvable name',
    setup: async () => ({ argv: argsFor(vmContext(`http://onegate-doctor.invalid:${port(sim.url)}`, FAKE_TOKEN)), token: FAKE_TOKEN }),
    check: 'resolve',
    verdict: 'fail',
    evidence: /^onegate-doctor\.invalid: /,
    advice: /\/etc\/resolv\.conf/,
    exit: 2,
    skipped: ['route', 'connect', 'tls', 'proxy', 'vm', 'clock', 'features'],
  },
  {
    name: 'refused port',
    setup: async () => ({ argv: argsFor(vmContext(`http://127.0.0.1:${await freePort()}`, FAKE_TOKEN)), token: FAKE_TOKEN }),
    check: 'connect',
    verdict: 'fail',
    evidence: /^127\.0\.0\.1:\d+ refused the connection/,
    advice: /listening on that port/,
    exit: 2,
    skipped: ['tls', 'proxy', 'vm'],
  },
  {
    name: 'proxy refusing the tunnel to the endpoint',
    setup: async () => {
      const proxy = await startConnectProxy({ status: 403 });
      const dir = vmContext(`http://onegate.invalid:${port(sim.url)}`);
      return { argv: argsFor(dir), env: { http_proxy: proxy.url, no_proxy: 'localhost' }, token: sim.tokenFor(42), closables: [proxy] };
    },
    check: 'proxy',
    verdict: 'fail',
    evidence: /go through http:\/\/127\.0\.0\.1:\d+ \(http_proxy; no_proxy does not cover onegate\.invalid\).*403/,
    advice: /add onegate\.invalid to no_proxy/,
    exit: 2,
    skipped: ['vm', 'clock', 'features'],
  },
  {
    name: 'proxy capturing the endpoint (it reaches the server)',
    setup: async () => {
      const proxy = await startConnectProxy();
      const dir = vmContext(`http://onegate.invalid:${port(sim.url)}`);
      return { argv: argsFor(dir), env: { HTTP_PROXY: proxy.url }, token: sim.tokenFor(42), closables: [proxy] };
    },
    check: 'proxy',
    verdict: 'warn',
    evidence: /requests to onegate\.invalid:\d+ go through .* \(HTTP_PROXY; no_proxy is not set\); through it, GET \/ answered/,
    advice: /otherwise add onegate\.invalid to no_proxy/,
    exit: 1,
  },
  {
    name: 'wrong token',
    setup: async () => ({ argv: argsFor(vmContext(sim.url, FAKE_TOKEN)), token: FAKE_TOKEN }),
    check: 'vm',
    verdict: 'fail',
    evidence: /GET \/vm: 401 .*the token \(from token\.txt .*\) or VMID 42 is not accepted/,
    advice: /stale/,
    exit: 2,
    skipped: ['clock', 'features'],
  },
  {
    name: 'wrong path prefix',
    setup: async () => ({ argv: argsFor(vmContext(`${sim.url}/onegate`)), token: sim.tokenFor(42) }),
    check: 'vm',
    verdict: 'fail',
    evidence: /GET \/onegate\/vm: 400 OneGate server doesn't support this feature: the server has no such route/,
    advice: /path prefix \/onegate is wrong .* try http:\/\/127\.0\.0\.1:\d+ without it/,
    exit: 2,
  },
  {
    name: 'Host not permitted (OneGate 7.2)',
    setup: async () => {
      const old = await startOneGate({ serverVersion: '7.2' });
      const proxy = await startConnectProxy();
      const dir = vmContext(`http://onegate.invalid:${port(old.url)}`, old.tokenFor(42));
      return { argv: argsFor(dir), env: { http_proxy: proxy.url }, token: old.tokenFor(42), closables: [proxy, old] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /GET \/vm: 403 Host not permitted/,
    warnedBefore: ['proxy'], // the proxy gives the name to a server on 127.0.0.1
    advice: /IP address in ONEGATE_ENDPOINT/,
    exit: 2,
  },
  {
    name: 'a feature refused (403)',
    setup: async () => {
      const permissions = { ...(shippedConfig()[':permissions'] as object), ':vnet': { ':show_by_id': false } };
      const strict = await startOneGate({ config: { ...shippedConfig(), ':permissions': permissions } });
      return { argv: argsFor(vmContext(strict.url, strict.tokenFor(42))), token: strict.tokenFor(42), closables: [strict] };
    },
    check: 'features',
    verdict: 'warn',
    evidence:
      /service: allowed \(service 7\); vrouter: allowed .*; vnet\/0: refused \(403 Action \(show_by_id\) on resource \(vnet\) not supported\)/,
    advice: /turned off vnet \(:permissions: in onegate-server\.conf\)/,
    exit: 1,
  },
  {
    name: 'clock skew (a server sending an old Date)',
    setup: async () => {
      const old = new Date(Date.now() - 3 * 3600_000).toUTCString();
      const server = await startServer((req, res) => {
        res.setHeader('Date', old);
        if (req.url !== '/vm') return void res.writeHead(404).end('Not Found');
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ VM: { NAME: 'skewed', ID: '42', STATE: '3', LCM_STATE: '3', USER_TEMPLATE: {}, TEMPLATE: {} } }));
      });
      return { argv: argsFor(vmContext(server.url, FAKE_TOKEN)), token: FAKE_TOKEN, closables: [server] };
    },
    check: 'clock',
    verdict: 'warn',
    evidence: /this VM's clock is 3 h ahead of the server's \(Date: .*\), more than 30 s/,
    advice: /time synchronisation/,
    exit: 1,
  },
  {
    name: 'GET /vm turned off (:permissions:)',
    setup: async () => {
      const permissions = { ...(shippedConfig()[':permissions'] as object), ':vm': { ':show': false } };
      const strict = await startOneGate({ config: { ...shippedConfig(), ':permissions': permissions } });
      return { argv: argsFor(vmContext(strict.url, strict.tokenFor(42))), token: strict.tokenFor(42), closables: [strict] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /^GET \/vm: 403 Action \(show\) on resource \(vm\) not supported$/,
    advice: /turned this route off \(:permissions: in onegate-server\.conf\)/,
    exit: 2,
  },
  {
    name: 'server error (simulator fault 500)',
    setup: async () => {
      const failing = await startOneGate({ faults: [{ route: '/vm', kind: 'status', status: 500 }] });
      return { argv: argsFor(vmContext(failing.url, failing.tokenFor(42))), token: failing.tokenFor(42), closables: [failing] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /^GET \/vm: 500 Internal server error$/,
    advice: /onegate\.log on the front-end/,
    exit: 2,
  },
  {
    name: 'a redirect (simulator fault 301)',
    setup: async () => {
      const moved = await startOneGate({ faults: [{ route: '/vm', kind: 'status', status: 301, body: '' }] });
      return { argv: argsFor(vmContext(moved.url, moved.tokenFor(42))), token: moved.tokenFor(42), closables: [moved] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /^GET \/vm: 301: a redirect$/,
    advice: /do not follow redirects/,
    exit: 2,
  },
  {
    name: 'a server that is not OneGate (200, not JSON)',
    setup: async () => {
      const server = await startServer((_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>'));
      return { argv: argsFor(vmContext(server.url, FAKE_TOKEN)), token: FAKE_TOKEN, closables: [server] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /^GET \/vm: GET \/vm answered 200 with a body that is not JSON: "<html>hello<\/html>"$/,
    advice: /not as OneGate does: is ONEGATE_ENDPOINT the OneGate server\?/,
    exit: 2,
  },
  {
    name: 'a server that accepts but never answers (simulator hang)',
    setup: async () => {
      const hung = await startOneGate({ faults: [{ route: '/vm', kind: 'hang' }] });
      const { file } = configFile({ onegate: { timeout: 1 } });
      return { argv: argsFor(vmContext(hung.url, hung.tokenFor(42)), file), token: hung.tokenFor(42), closables: [hung] };
    },
    check: 'vm',
    verdict: 'fail',
    evidence: /no complete answer from http:\/\/127\.0\.0\.1:\d+ within 1000 ms/,
    advice: /the server may be restarting/,
    exit: 2,
  },
  {
    name: 'unusable configuration',
    setup: async () => {
      const { file } = configFile({ interval: 'often' });
      return { argv: argsFor(vmContext(sim.url, FAKE_TOKEN), file), token: FAKE_TOKEN };
    },
    check: 'config',
    verdict: 'fail',
    evidence: /agent\.yaml:\d+: interval: expected/,
    advice: /--config/,
    exit: 2,
    skipped: ['context'],
  },
];

describe('onegate-agent doctor, one broken link at a time', () => {
  it.each(CASES)('$name: $check $verdict, exit $exit', async (c) => {
    const s = await c.setup();
    let run: DoctorRun;
    try {
      run = await runDoctor(s.argv, testDeps({ env: s.env ?? {} }));
    } finally {
      for (const x of s.closables ?? []) await x.close();
    }
    const got = run.checks[c.check]!;
    expect(got, run.stdout).toMatchObject({ verdict: c.verdict });
    expect(got.evidence).toMatch(c.evidence);
    expect(got.advice).toMatch(c.advice);
    expect(run.code).toBe(c.exit);
    expect(run.json.exitCode).toBe(c.exit);
    // Everything before it passed (or did not apply): it is the first broken link.
    const before = run.json.checks.slice(
      0,
      run.json.checks.findIndex((x) => x.name === c.check),
    );
    expect(before.filter((x) => x.verdict === 'fail' || x.verdict === 'warn').map((x) => x.name)).toEqual(c.warnedBefore ?? []);
    if (c.verdict === 'fail') expect(run.json.firstFailure).toBe(c.check);
    for (const name of c.skipped ?? [])
      expect(run.checks[name], name).toMatchObject({ verdict: 'skip', evidence: `not checked: ${c.check} failed` });
    expect(run.stdout).toContain(`${c.verdict === 'ok' ? 'ok' : c.verdict.toUpperCase().replace('SKIP', 'skip')}`);
    expect(run.stdout + run.stderr).not.toContain(s.token);
    expect(run.stderr).toBe('');
    // The agent check needs nothing before it: with an unusable configuration it looks where status looks.
    expect(run.checks.agent!.verdict).not.toBe('skip');
  });
});

describe('onegate-agent doctor, nothing broken', () => {
  it('passes every check against the simulator: exit 0', async () => {
    const run = await runDoctor(argsFor(vmContext(sim.url)), testDeps());
    const verdicts = Object.fromEntries(run.json.checks.map((c) => [c.name, c.verdict]));
    expect(verdicts).toEqual({
      config: 'ok',
      context: 'ok',
      endpoint: 'ok',
      resolve: 'ok',
      route: 'ok',
      connect: 'ok',
      tls: 'skip',
      proxy: 'ok',
      vm: 'ok',
      clock: 'ok',
      features: 'ok',
      agent: 'ok',
    });
    expect(run.code).toBe(0);
    expect(run.checks.context!.evidence).toMatch(
      /^directory \(context\.sh on .*\): 4 variables \(ETH0_IP, ONEGATE_ENDPOINT, TOKEN, VMID\); endpoint from ONEGATE_ENDPOINT in context\.sh, VMID 42 from VMID in context\.sh, token from token\.txt$/,
    );
    expect(run.checks.vm!.evidence).toMatch(/^GET \/vm: 200, VM 42 "web_0_\(service_7\)"/);
    expect(run.checks.agent!.evidence).toMatch(/^not running: no .*status\.json/);
    expect(run.stdout).toMatch(/\nOK: 11 ok, 0 warnings, 0 failed, 1 skipped\n/);
    expect(run.stdout).not.toContain(sim.tokenFor(42));
  });

  it('says a proxy variable does not capture a loopback endpoint, as the client never proxies it', async () => {
    const run = await runDoctor(argsFor(vmContext(sim.url)), testDeps({ env: { http_proxy: 'http://user:pw@proxy.invalid:3128' } }));
    expect(run.checks.proxy).toMatchObject({ verdict: 'ok', advice: 'for other tools, add 127.0.0.1 to no_proxy' });
    expect(run.checks.proxy!.evidence).toMatch(
      /^http_proxy is set \(http:\/\/user:\*\*\*@proxy\.invalid:3128\), but onegate-agent never proxies/,
    );
    expect(run.stdout).not.toContain('pw@');
    expect(run.code).toBe(0);
  });
});

describe('onegate-agent doctor over https', () => {
  it('names an untrusted self-signed certificate, and verifies it once onegate.ca_file trusts it', async () => {
    const cert = await makeCert('IP:127.0.0.1');
    if (!cert) return void console.warn('skipped: openssl is not available to make a certificate');
    const server = await startServer((_req, res) => void res.writeHead(404).end('Not Found'), { tls: cert });
    try {
      const dir = vmContext(server.url, FAKE_TOKEN);
      const bad = await runDoctor(argsFor(dir), testDeps());
      expect(bad.checks.tls).toMatchObject({ verdict: 'fail' });
      expect(bad.checks.tls!.evidence).toMatch(
        /certificate CN=onegate-test \(IP Address:127\.0\.0\.1\) issued by CN=onegate-test, .*not trusted by the system CA store: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
      expect(bad.checks.tls!.advice).toMatch(/onegate\.ca_file/);
      expect(bad.code).toBe(2);
      const good = await runDoctor(argsFor(dir, configFile({ onegate: { ca_file: cert.certFile } }).file), testDeps());
      expect(good.checks.tls!.evidence).toMatch(/; verified against onegate\.ca_file .* for 127\.0\.0\.1$/);
      expect(good.checks.vm!.evidence).toMatch(/GET \/vm: 404 Not Found: the server has no such route/);
      const insecure = await runDoctor(argsFor(dir, configFile({ onegate: { insecure: true } }).file), testDeps());
      expect(insecure.checks.tls).toMatchObject({ verdict: 'warn' });
      expect(insecure.checks.tls!.evidence).toMatch(/not verified \(onegate\.insecure is true\), it would be not trusted/);
      for (const r of [bad, good, insecure]) expect(r.stdout).not.toContain(FAKE_TOKEN);
    } finally {
      await server.close();
    }
  });
});
