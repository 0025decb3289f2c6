// The proxy decision doctor reports must be the client's own (proxyFor): a table over the environment.
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../../agent/onegate/endpoint';
import { proxyFor } from '../../../../agent/onegate/proxy-env';
import { decideProxy, hopOf } from '../../../../cli/agent/doctor/hop';

const P = 'http://proxy.example:3128';

describe('decideProxy', () => {
  it.each([
    ['no variable', 'http://onegate.example:5030', {}, 'unset', 'http_proxy'],
    ['https_proxy does not apply to http', 'http://onegate.example:5030', { https_proxy: P }, 'unset', 'http_proxy'],
    ['http_proxy captures a DNS name', 'http://onegate.example:5030', { http_proxy: P }, 'proxied', 'http_proxy'],
    ['upper case is read too', 'http://onegate.example:5030', { HTTP_PROXY: P }, 'proxied', 'HTTP_PROXY'],
    ['lower case wins', 'http://onegate.example:5030', { http_proxy: P, HTTP_PROXY: 'http://other:1' }, 'proxied', 'http_proxy'],
    ['https endpoints read https_proxy', 'https://onegate.example', { https_proxy: P }, 'proxied', 'https_proxy'],
    ['link-local is never proxied', 'http://169.254.16.9:5030', { http_proxy: P }, 'local', 'http_proxy'],
    ['loopback is never proxied', 'http://127.0.0.1:5030', { http_proxy: P }, 'local', 'http_proxy'],
    ['no_proxy suffix', 'http://onegate.example:5030', { http_proxy: P, no_proxy: '.example' }, 'no_proxy', 'http_proxy'],
    ['NO_PROXY CIDR', 'http://10.1.2.3:5030', { http_proxy: P, NO_PROXY: '10.0.0.0/8' }, 'no_proxy', 'http_proxy'],
    [
      'no_proxy with another port',
      'http://onegate.example:5030',
      { http_proxy: P, no_proxy: 'onegate.example:80' },
      'proxied',
      'http_proxy',
    ],
    ['a proxy that is not http', 'http://onegate.example:5030', { http_proxy: 'socks5://p:1080' }, 'invalid', 'http_proxy'],
  ])('%s', (_name, url, env, reason, variable) => {
    const endpoint = parseEndpoint(url);
    const d = decideProxy(endpoint, env);
    expect(d).toMatchObject({ reason, variable });
    // Proxied exactly when the client would use a proxy.
    if (reason !== 'invalid') expect(d.proxy?.href).toBe(proxyFor(endpoint, env)?.href);
  });

  it('shows the proxy without its password and names no_proxy as spelled', () => {
    const d = decideProxy(parseEndpoint('http://169.254.16.9:5030'), { http_proxy: 'http://u:secret@p:3128', NO_PROXY: 'x' });
    expect(d).toMatchObject({ shown: 'http://u:***@p:3128', noProxy: { variable: 'NO_PROXY', value: 'x' } });
  });
});

describe('hopOf', () => {
  it('is the endpoint without a proxy, the proxy with one', () => {
    const endpoint = parseEndpoint('http://[fd00::9]:5030');
    expect(hopOf(endpoint, decideProxy(endpoint, {}))).toEqual({ host: 'fd00::9', port: 5030, via: 'direct', label: '[fd00::9]:5030' });
    const named = parseEndpoint('https://onegate.example');
    expect(hopOf(named, decideProxy(named, { https_proxy: 'http://[fd00::1]' }))).toEqual({
      host: 'fd00::1',
      port: 80,
      via: 'proxy',
      label: 'the proxy [fd00::1]:80 (https_proxy)',
      variable: 'https_proxy',
    });
  });
});
