import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../agent/onegate/endpoint';
import { bypassesProxy, isLocalHost, proxyFor, redactProxy } from '../../../agent/onegate/proxy-env';

describe('isLocalHost', () => {
  it.each([
    ['169.254.16.9', true],
    ['169.254.0.1', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['fe80::1', true],
    ['febf::1', true],
    ['::ffff:169.254.16.9', true],
    ['localhost', true],
    ['gate.localhost', true],
    ['LOCALHOST.', true],
    ['10.0.0.1', false],
    ['169.255.0.1', false],
    ['fec0::1', false],
    ['2001:db8::1', false],
    ['gate.example', false],
  ] as Array<[string, boolean]>)('%s -> %s', (host, expected) => {
    expect(isLocalHost(host)).toBe(expected);
  });
});

describe('bypassesProxy', () => {
  it.each([
    ['*', 'gate.example', 5030, true],
    ['example.org', 'gate.example.org', 5030, true],
    ['.example.org', 'gate.example.org', 5030, true],
    ['*.example.org', 'gate.example.org', 5030, true],
    ['example.org', 'example.org', 5030, true],
    ['example.org', 'badexample.org', 5030, false],
    ['10.0.0.0/8', '10.1.2.3', 5030, true],
    ['10.0.0.0/8', '11.1.2.3', 5030, false],
    ['10.0.0.0/99', '10.1.2.3', 5030, false],
    ['10.1.2.3', '10.1.2.3', 5030, true],
    ['10.1.2.3', '10.1.2.30', 5030, false],
    ['fd00::/8', 'fd00::1', 5030, true],
    ['[fd00::1]:5030', 'fd00::1', 5030, true],
    ['[fd00::1]:80', 'fd00::1', 5030, false],
    ['gate.example:5030', 'gate.example', 5030, true],
    ['gate.example:80', 'gate.example', 5030, false],
    ['a.org, GATE.example  b.org', 'gate.example', 5030, true],
    ['', 'gate.example', 5030, false],
  ] as Array<[string, string, number, boolean]>)('no_proxy=%j host %s:%i -> %s', (list, host, port, expected) => {
    expect(bypassesProxy(list, host, port)).toBe(expected);
  });
});

describe('proxyFor', () => {
  const ep = (url: string) => parseEndpoint(url);
  it('uses http_proxy for http and https_proxy for https, lower case first', () => {
    const env = { http_proxy: 'http://p1:3128', HTTP_PROXY: 'http://p2:3128', HTTPS_PROXY: 'http://p3:3128' };
    expect(proxyFor(ep('http://gate.example:5030'), env)?.href).toBe('http://p1:3128/');
    expect(proxyFor(ep('https://gate.example'), env)?.href).toBe('http://p3:3128/');
  });
  it('does not use http_proxy for https endpoints', () => {
    expect(proxyFor(ep('https://gate.example'), { http_proxy: 'http://p1:3128' })).toBeUndefined();
  });
  it('never proxies link-local or loopback endpoints', () => {
    const env = { http_proxy: 'http://p:3128', https_proxy: 'http://p:3128' };
    for (const url of [
      'http://169.254.16.9:5030',
      'http://127.0.0.1:5030',
      'http://[fe80::1]:5030',
      'http://[::1]:5030',
      'https://localhost',
    ]) {
      expect(proxyFor(ep(url), env)).toBeUndefined();
    }
  });
  it('honours no_proxy and NO_PROXY', () => {
    expect(proxyFor(ep('http://gate.example:5030'), { http_proxy: 'p:3128', no_proxy: 'example' })).toBeUndefined();
    expect(proxyFor(ep('http://gate.example:5030'), { http_proxy: 'p:3128', NO_PROXY: 'gate.example' })).toBeUndefined();
  });
  it('accepts a proxy without scheme and ignores empty variables', () => {
    expect(proxyFor(ep('http://gate.example'), { http_proxy: 'proxy.lan:3128' })?.href).toBe('http://proxy.lan:3128/');
    expect(proxyFor(ep('http://gate.example'), { http_proxy: '  ' })).toBeUndefined();
  });
  it('refuses an unusable proxy naming the variable, not the password', () => {
    expect(() => proxyFor(ep('http://gate.example'), { http_proxy: 'socks5://u:secret@p:1080' })).toThrow(
      /invalid proxy in http_proxy: scheme "socks5"/,
    );
    expect(() => proxyFor(ep('http://gate.example'), { http_proxy: 'http://[bad' })).toThrow(/http_proxy: it is not a URL/);
  });
  it('redacts a proxy password', () => {
    expect(redactProxy(new URL('http://user:secret@proxy:3128'))).toBe('http://user:***@proxy:3128');
    expect(redactProxy(new URL('http://proxy:3128'))).toBe('http://proxy:3128');
  });
});
