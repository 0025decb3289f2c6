import { describe, expect, it } from 'vitest';
import * as route from '../../../agent/onegate/requests';

const FORM = 'application/x-www-form-urlencoded';

describe('form encoding', () => {
  it('matches the Ruby client byte for byte (URI.encode_www_form in share/onegate/onegate, l.652 at release-7.4.0)', () => {
    expect(route.formBody('A=1\\nB=two words&x=%20+y', 1)).toBe('data=A%3D1%5CnB%3Dtwo+words%26x%3D%2520%2By&type=1');
    expect(route.formBody('READY=YES', 1)).toBe('data=READY%3DYES&type=1');
    expect(route.formBody('READY', 2)).toBe('data=READY&type=2');
    expect(route.formBody('', 1)).toBe('data=&type=1');
    expect(route.formBody("*-._~!'()é", 1)).toBe('data=*-._%7E%21%27%28%29%C3%A9&type=1');
  });
});

describe('route requests', () => {
  it.each([
    [route.showVm(), { method: 'GET', path: '/vm' }],
    [route.showVm(43), { method: 'GET', path: '/vms/43' }],
    [route.showVm(' 007 '), { method: 'GET', path: '/vms/7' }],
    [
      route.updateVm({ ready: 'YES', APP: 'a=b c' }),
      { method: 'PUT', path: '/vm', body: 'data=READY%3DYES%0AAPP%3Da%3Db+c&type=1', contentType: FORM },
    ],
    [route.updateVm({ X: '1' }, 5), { method: 'PUT', path: '/vms/5', body: 'data=X%3D1&type=1', contentType: FORM }],
    [route.updateVmRaw('A=1\\nB=2'), { method: 'PUT', path: '/vm', body: 'data=A%3D1%5CnB%3D2&type=1', contentType: FORM }],
    [route.eraseVmAttribute('ready'), { method: 'PUT', path: '/vm', body: 'data=READY&type=2', contentType: FORM }],
    [route.eraseVmAttributeRaw('ready', 43), { method: 'PUT', path: '/vms/43', body: 'data=ready&type=2', contentType: FORM }],
    [
      route.vmAction(42, 'reboot'),
      { method: 'POST', path: '/vms/42/action', body: '{"action":{"perform":"reboot"}}', contentType: 'application/json' },
    ],
    [
      route.vmAction(42, 'reboot', { hard: true }),
      { method: 'POST', path: '/vms/42/action', body: '{"action":{"perform":"reboot","params":true}}', contentType: 'application/json' },
    ],
    [
      route.vmAction(42, 'rename', { params: 'web2' }),
      { method: 'POST', path: '/vms/42/action', body: '{"action":{"perform":"rename","params":"web2"}}', contentType: 'application/json' },
    ],
    [route.showService(), { method: 'GET', path: '/service', query: undefined }],
    [route.showService({ extended: true }), { method: 'GET', path: '/service', query: { extended: 'true' } }],
    [route.scaleRole('web', 3), { method: 'PUT', path: '/service/role/web', body: '{"cardinality":3}', contentType: 'application/json' }],
    [
      route.scaleRole('my role', 0),
      { method: 'PUT', path: '/service/role/my%20role', body: '{"cardinality":0}', contentType: 'application/json' },
    ],
    [route.showVrouter({ extended: true }), { method: 'GET', path: '/vrouter', query: { extended: 'true' } }],
    [route.showVnet(3), { method: 'GET', path: '/vnet/3', query: undefined }],
    [route.showVnet('abc', { extended: true }), { method: 'GET', path: '/vnet/abc', query: { extended: 'true' } }],
  ])('%#', (request, expected) => {
    expect(request).toEqual(expected);
  });

  it('sends nothing for an empty update', () => {
    expect(route.updateVm({})).toBeNull();
  });

  it.each([
    [() => route.showVm('abc'), /invalid VM ID "abc"/],
    [() => route.showVm(-1), /invalid VM ID "-1"/],
    [() => route.vmAction('1; x', 'stop'), /invalid VM ID/],
    [() => route.vmAction(1, ''), /invalid action ""/],
    [() => route.vmAction(1, 'stop now'), /invalid action "stop now"/],
    [() => route.scaleRole('', 1), /invalid role name/],
    [() => route.scaleRole('web', -1), /invalid cardinality "-1"/],
    [() => route.scaleRole('web', 1.5), /invalid cardinality "1.5"/],
    [() => route.eraseVmAttribute('*'), /contains "\*"/],
    [() => route.showVnet(''), /virtual network ID/],
    [() => route.updateVm({ A: 'x,y' }), /"A".*","/],
  ])('refuses bad input %#', (fn, message) => {
    expect(fn).toThrow(message);
    try {
      fn();
    } catch (err) {
      expect(err).toMatchObject({ code: 'ONEGATE_INVALID_VALUE' });
    }
  });
});
