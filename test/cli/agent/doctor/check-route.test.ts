// The route check over the fixture trees of test/fixtures/routes/<case>/ (proc/net/route, sys/class/net): a
// missing route to OneGate's link-local address is named with the host route to add, on the context's NIC.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeCheck } from '../../../../cli/agent/doctor/check-route';
import type { DoctorContext, Verdict } from '../../../../cli/agent/doctor/types';

const ROOT = join(__dirname, '../../../fixtures/routes');
const ETH0_MAC = '02:00:c0:a8:96:14';

function ctxFor(fixture: string, address: string, vars: Record<string, string> = { ETH0_MAC }): DoctorContext {
  const root = join(ROOT, fixture);
  return {
    deps: { procRoot: join(root, 'proc'), sysRoot: join(root, 'sys'), localAddresses: () => ['192.168.150.20'] } as DoctorContext['deps'],
    facts: {
      addresses: [{ address, family: address.includes(':') ? 6 : 4 }],
      found: { unchecked: { picked: {}, source: 'directory', vars }, endpoint: { value: '', origin: '' }, vmid: '42', token: 't' },
    },
  };
}

describe('route check', () => {
  it.each<[string, string, Verdict, RegExp, RegExp | '']>([
    [
      'link-local-host-route',
      '169.254.16.9',
      'ok',
      /^169\.254\.16\.9 via eth0 \(169\.254\.16\.9\/32, on-link\) \(ETH0 of the context\)$/,
      '',
    ],
    [
      'link-local-via-gateway',
      '169.254.16.9',
      'warn',
      /via gateway 192\.168\.150\.1 on eth0 \(0\.0\.0\.0\/0, the default route\): a link-local address sent to a gateway/,
      /^add an on-link host route: ip route replace 169\.254\.16\.9\/32 dev <NIC>$/,
    ],
    [
      'no-default-route',
      '169.254.16.9',
      'fail',
      /^no route to 169\.254\.16\.9 in .*no-default-route\/proc\/net\/route$/,
      /host route on the VM network's NIC: ip route replace 169\.254\.16\.9\/32 dev <NIC> \(one-context adds it at boot/,
    ],
    [
      'link-local-wrong-nic',
      '169.254.16.9',
      'warn',
      /via docker0 \(169\.254\.0\.0\/16, on-link\), but the context's ETH0 \(02:00:c0:a8:96:14\) is eth0$/,
      /^route it on eth0: ip route replace 169\.254\.16\.9\/32 dev eth0$/,
    ],
    ['no-default-route', '10.9.9.9', 'fail', /^no route to 10\.9\.9\.9/, /no default route/],
    ['reject-route', '10.20.30.40', 'fail', /^a 10\.0\.0\.0\/8 reject route \(unreachable\) covers 10\.20\.30\.40$/, /default route/],
    [
      'link-local-host-route',
      '10.1.2.3',
      'ok',
      /^10\.1\.2\.3 via gateway 192\.168\.150\.1 on eth0 \(0\.0\.0\.0\/0, the default route\)$/,
      '',
    ],
    ['ipv6-default', '2001:db8::5', 'ok', /^2001:db8::5 via eth0 \(2001:db8::\/64, on-link\)$/, ''],
    ['empty', '127.0.0.1', 'ok', /loopback/, ''],
    ['empty', '192.168.150.20', 'ok', /an address of this host/, ''],
  ])('%s, %s: %s', async (fixture, address, verdict, evidence, advice) => {
    const finding = await routeCheck.run(ctxFor(fixture, address));
    expect(finding.verdict, finding.evidence).toBe(verdict);
    expect(finding.evidence).toMatch(evidence);
    if (advice) expect(finding.advice).toMatch(advice);
  });

  it('names the NIC to route on when the host route is missing and the context NIC is known', async () => {
    const finding = await routeCheck.run(ctxFor('link-local-wrong-nic', '169.254.16.9', { ETH0_MAC, ETH1_MAC: '02:42:ac:11:00:01' }));
    expect(finding.verdict).toBe('warn'); // docker0 carries ETH1's MAC here, but ETH0 comes first
    const missing = await routeCheck.run({
      ...ctxFor('no-default-route', '169.254.16.9'),
      deps: { ...ctxFor('link-local-host-route', '1.1.1.1').deps, procRoot: join(ROOT, 'no-default-route/proc') },
    });
    expect(missing.advice).toMatch(/on eth0 \(ETH0 of the context\): ip route replace 169\.254\.16\.9\/32 dev eth0/);
  });

  it('skips, saying why, where there is no route table (not Linux)', async () => {
    const finding = await routeCheck.run({
      ...ctxFor('empty', '10.0.0.1'),
      deps: { procRoot: '/nonexistent', sysRoot: '/nonexistent', localAddresses: () => [] } as unknown as DoctorContext['deps'],
    });
    expect(finding).toMatchObject({ verdict: 'skip', evidence: 'not checked: no /nonexistent/net/route (not Linux, or no IPv4)' });
  });
});
