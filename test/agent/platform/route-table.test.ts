// The route lookup of `onegate-agent doctor`, over /proc/net trees under test/fixtures/routes/<case>/ (each with
// expected.json: address -> the route chosen, or null for none); the gvisor-capture case is a real table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRoute, parseIpv4Routes, parseIpv6Routes, type Route } from '../../../agent/platform/route-table';

const ROOT = join(__dirname, '../../fixtures/routes');

function routesOf(dir: string): Route[] {
  const read = (name: string): string => {
    const file = join(ROOT, dir, 'proc/net', name);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return [...parseIpv4Routes(read('route')), ...parseIpv6Routes(read('ipv6_route'))];
}

describe.each(readdirSync(ROOT).sort())('route table %s', (dir) => {
  const expected = JSON.parse(readFileSync(join(ROOT, dir, 'expected.json'), 'utf8')) as Record<string, object | null>;
  it.each(Object.entries(expected))('%s', (address, want) => {
    const route = findRoute(routesOf(dir), address);
    if (want === null) expect(route).toBeUndefined();
    else expect(route).toMatchObject({ gateway: undefined, ...want });
  });
});

describe('parseIpv4Routes', () => {
  const header = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n';
  it.each([
    ['empty text', '', []],
    ['header only', header, []],
    ['a route that is not up', `${header}eth0\t0096A8C0\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t0\n`, []],
    ['too few fields', `${header}eth0\t0096A8C0\t00000000\n`, []],
    ['not hex', `${header}eth0\tzzzz\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n`, []],
    ['a mask with a hole', `${header}eth0\t0096A8C0\t00000000\t0001\t0\t0\t0\t00FF00FF\t0\t0\t0\n`, []],
  ])('%s: no route', (_name, text, want) => {
    expect(parseIpv4Routes(text)).toEqual(want);
  });

  it('reads a host route, its flags and metric', () => {
    expect(parseIpv4Routes(`${header}eth1\t0910FEA9\t00000000\t0005\t0\t0\t7\tFFFFFFFF\t0\t0\t0\n`)).toEqual([
      { family: 4, iface: 'eth1', destination: '169.254.16.9', prefix: 32, gateway: undefined, metric: 7, reject: false },
    ]);
  });

  it('reads big-endian tables in network order', () => {
    const [route] = parseIpv4Routes(`${header}eth0\tA9FE1009\tC0A89601\t0003\t0\t0\t0\tFFFFFFFF\t0\t0\t0\n`, false);
    expect(route).toMatchObject({ destination: '169.254.16.9', gateway: '192.168.150.1', prefix: 32 });
  });
});

describe('findRoute', () => {
  const routes: Route[] = [
    { family: 4, iface: 'eth0', destination: '0.0.0.0', prefix: 0, gateway: '10.0.0.1', metric: 100, reject: false },
    { family: 4, iface: 'eth1', destination: '0.0.0.0', prefix: 0, gateway: '10.1.0.1', metric: 50, reject: false },
    { family: 6, iface: 'eth0', destination: 'fe80::', prefix: 64, metric: 256, reject: false },
  ];
  it('prefers the lower metric between equal prefixes', () => {
    expect(findRoute(routes, '8.8.8.8')?.iface).toBe('eth1');
  });
  it('ignores a zone index and the other family', () => {
    expect(findRoute(routes, 'fe80::1%eth0')?.iface).toBe('eth0');
    expect(findRoute(routes.slice(2), '8.8.8.8')).toBeUndefined();
  });
  it('finds nothing for a name', () => {
    expect(findRoute(routes, 'onegate.example')).toBeUndefined();
  });
});
