import { describe, expect, it } from 'vitest';
import { decryptToken, makeToken } from './token';

const ALICE = '5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5';

describe('OneGate token', () => {
  it.each([
    ['42', '1700000000', '5QpnDSbE0Cx9QZ9VuIfpOQ=='],
    ['7', '1712345678', '6r/GdbT6bvtK1e2kIwFqBA=='],
    ['12345', '1712345678', 'hm63PlPBOOAoCgXy9rYCUpPeOfmtVFGkC+8wrzcj/Os='],
  ])('matches the reference vector for %s:%s', (vmid, stime, token) => {
    expect(makeToken(ALICE, vmid, stime)).toBe(token);
    expect(decryptToken(ALICE, token)).toBe(`${vmid}:${stime}`);
  });

  it('decodes base64 leniently, like Ruby (newline from token.txt, spaces)', () => {
    expect(decryptToken(ALICE, ' 5QpnDSbE0Cx9\nQZ9VuIfpOQ==\n')).toBe('42:1700000000');
  });

  it('uses only the first 32 characters of the password and refuses shorter ones', () => {
    expect(makeToken(`${ALICE.slice(0, 32)}ffff`, 42, 1700000000)).toBe('5QpnDSbE0Cx9QZ9VuIfpOQ==');
    expect(() => makeToken('short', 42, 1)).toThrow(/32 bytes/);
  });

  it('fails on a token made with another password (bad padding or garbage)', () => {
    const other = makeToken('6df184419d3978f28d11980b5321c52402bc0ead8ef741cd9c20422af2142c7e', 42, 1700000000);
    let plain: string | undefined;
    try {
      plain = decryptToken(ALICE, other);
    } catch {
      plain = undefined;
    }
    expect(plain).not.toBe('42:1700000000');
    expect(() => decryptToken(ALICE, '')).toThrow();
  });
});
