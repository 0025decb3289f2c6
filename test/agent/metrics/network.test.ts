import { describe, expect, it } from 'vitest';
import { computeNetwork, interfaceFilter, parseNetDev } from '../../../agent/metrics/network';

const HEADER = 'Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n';

describe('parseNetDev', () => {
  it.each([
    ['empty', '', {}],
    ['header only', HEADER, {}],
    ['not enough fields', `${HEADER}  eth0: 1 2 3\n`, {}],
    ['invalid counter', `${HEADER}  eth0: x 0 0 0 0 0 0 0 5 0 0 0 0 0 0 0\n`, {}],
    ['valid', `${HEADER}  eth0: 10 0 0 0 0 0 0 0 20 0 0 0 0 0 0 0\n`, { eth0: [10, 20] }],
    ['no space after the colon', `${HEADER}  eth0:123456789 0 0 0 0 0 0 0 5 0 0 0 0 0 0 0\n`, { eth0: [123456789, 5] }],
  ])('%s', (_, text, expected) => {
    expect(parseNetDev(text)).toEqual(expected);
  });
});

describe('interfaceFilter', () => {
  it('skips loopback and virtual interfaces by default', () => {
    const f = interfaceFilter({});
    expect(['lo', 'eth0', 'ens3', 'docker0', 'veth12', 'br-1a', 'virbr0'].filter(f)).toEqual(['eth0', 'ens3']);
  });
  it('applies include, then exclude; loopback stays out even when included', () => {
    const f = interfaceFilter({ include: ['e*', 'lo'], exclude: ['eth1'] });
    expect(['lo', 'eth0', 'eth1', 'ens3', 'wlan0'].filter(f)).toEqual(['eth0', 'ens3']);
  });
  it('treats regular expression characters in patterns literally', () => {
    expect(interfaceFilter({ include: ['eth0.1'] })('eth0x1')).toBe(false);
  });
});

describe('computeNetwork', () => {
  it('gives nothing when no time passed', () => {
    expect(computeNetwork({ eth0: [0, 0] }, { eth0: [10, 10] }, 0, () => true)).toEqual({});
  });
  it('converts to bytes per second', () => {
    expect(computeNetwork({ eth0: [0, 0] }, { eth0: [3000, 1500] }, 1500, () => true)).toEqual({ NET_RX_BPS: 2000, NET_TX_BPS: 1000 });
  });
});
