import { describe, expect, it } from 'vitest';
import { desiredLb, firstNicAddress, type LbEntry, lbAttributes, planLb, withdrawalOrder } from '../../../agent/lb/registration';

const haproxy: LbEntry = {
  family: 'haproxy',
  index: 0,
  ip: '10.0.0.100',
  port: 80,
  serverHost: '',
  serverPort: 8080,
  weight: 1,
  id: '',
  when: 'healthy',
};
const lvs: LbEntry = {
  ...haproxy,
  family: 'lvs',
  index: 2,
  port: 443,
  serverPort: 443,
  weight: 5,
  id: '7',
  when: 'always',
  serverHost: '10.0.1.5',
};

describe('lbAttributes', () => {
  it('writes the keys the VRouter parses (vrouter.rb parse_dynamic), ID only when set', () => {
    expect(lbAttributes(haproxy, '10.0.0.21')).toEqual({
      ONEGATE_HAPROXY_LB0_IP: '10.0.0.100',
      ONEGATE_HAPROXY_LB0_PORT: '80',
      ONEGATE_HAPROXY_LB0_SERVER_HOST: '10.0.0.21',
      ONEGATE_HAPROXY_LB0_SERVER_PORT: '8080',
      ONEGATE_HAPROXY_LB0_SERVER_WEIGHT: '1',
    });
    expect(lbAttributes(lvs, '10.0.1.5')).toEqual({
      ONEGATE_LB2_IP: '10.0.0.100',
      ONEGATE_LB2_PORT: '443',
      ONEGATE_LB2_ID: '7',
      ONEGATE_LB2_SERVER_HOST: '10.0.1.5',
      ONEGATE_LB2_SERVER_PORT: '443',
      ONEGATE_LB2_SERVER_WEIGHT: '5',
    });
  });
});

describe('firstNicAddress', () => {
  it.each([
    ['the lowest-numbered NIC', { ETH1_IP: '10.0.1.2', ETH0_IP: '10.0.0.2', ETH10_IP: '10.0.10.2' }, '10.0.0.2'],
    ['numeric, not text, order', { ETH10_IP: '10.0.10.2', ETH2_IP: '10.0.2.2' }, '10.0.2.2'],
    ['IPv6 only when no NIC has IPv4', { ETH0_IP6: 'fd00::2', ETH1_IP: '10.0.1.2' }, '10.0.1.2'],
    ['IPv6 only', { ETH0_IP6: 'fd00::2', ETH0_MAC: '02:00' }, 'fd00::2'],
    ['empty values skipped', { ETH0_IP: '', ETH1_IP: '10.0.1.2' }, '10.0.1.2'],
    ['none', { HOSTNAME: 'x' }, ''],
  ])('%s', (_name, vars, expected) => {
    expect(firstNicAddress(vars)).toBe(expected);
  });
});

describe('desiredLb', () => {
  it('publishes a healthy-only entry only while HEALTH is OK, an always entry regardless', () => {
    expect(Object.keys(desiredLb([haproxy, lvs], 'OK', '10.0.0.21').attributes)).toHaveLength(11);
    const failing = desiredLb([haproxy, lvs], 'FAIL', '10.0.0.21');
    expect(Object.keys(failing.attributes).every((k) => k.startsWith('ONEGATE_LB2_'))).toBe(true);
    expect(failing.withheld).toEqual(['ONEGATE_HAPROXY_LB0: HEALTH is FAIL']);
    expect(desiredLb([haproxy], undefined, '10.0.0.21').withheld).toEqual(['ONEGATE_HAPROXY_LB0: HEALTH is UNKNOWN']);
  });

  it('withholds an entry without any server address', () => {
    expect(desiredLb([{ ...haproxy, when: 'always' }], undefined, '')).toEqual({
      attributes: {},
      withheld: ['ONEGATE_HAPROXY_LB0: no server_host and no NIC address in the context'],
    });
  });
});

describe('planLb', () => {
  const published = lbAttributes(haproxy, '10.0.0.21');

  it('sends every key in one PUT when anything differs, nothing when all match', () => {
    expect(planLb({}, published)).toEqual({ set: published, erase: [] });
    expect(planLb(published, published)).toEqual({ set: {}, erase: [] });
    const moved = lbAttributes(haproxy, '10.0.0.22');
    expect(planLb(published, moved)).toEqual({ set: moved, erase: [] });
  });

  it('withdraws SERVER_HOST first, the other SERVER_* keys next, the LB keys last', () => {
    expect(planLb(published, {}).erase).toEqual([
      'ONEGATE_HAPROXY_LB0_SERVER_HOST',
      'ONEGATE_HAPROXY_LB0_SERVER_PORT',
      'ONEGATE_HAPROXY_LB0_SERVER_WEIGHT',
      'ONEGATE_HAPROXY_LB0_IP',
      'ONEGATE_HAPROXY_LB0_PORT',
    ]);
  });

  it('moves an entry to another index: the new set, then the old keys erased', () => {
    const next = lbAttributes({ ...haproxy, index: 1 }, '10.0.0.21');
    const plan = planLb(published, next);
    expect(plan.set).toEqual(next);
    expect(plan.erase[0]).toBe('ONEGATE_HAPROXY_LB0_SERVER_HOST');
    expect(plan.erase).toHaveLength(5);
  });

  it('orders several entries host-first across all of them', () => {
    expect(withdrawalOrder(['ONEGATE_LB0_IP', 'ONEGATE_LB0_SERVER_PORT', 'ONEGATE_LB1_SERVER_HOST', 'ONEGATE_LB0_SERVER_HOST'])).toEqual([
      'ONEGATE_LB1_SERVER_HOST',
      'ONEGATE_LB0_SERVER_HOST',
      'ONEGATE_LB0_SERVER_PORT',
      'ONEGATE_LB0_IP',
    ]);
  });
});
