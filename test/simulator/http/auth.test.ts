// Conformance: permission flags (403) before authentication (401), every 401 cause (onegate-server.rb at release-7.4.0: check_permissions, l.381, runs before authenticate, l.152).
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { startOneGate } from '../index';
import { makeToken } from '../world/token';
import { call } from './client';

const sim = perSuite(() => startOneGate());

const BOB = '6df184419d3978f28d11980b5321c52402bc0ead8ef741cd9c20422af2142c7e';
const ALICE = '5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5';

describe('401 Not authorized', () => {
  it.each([
    ['no token header', { 'X-ONEGATE-VMID': '42' }],
    ['no VMID header', { 'X-ONEGATE-TOKEN': '5QpnDSbE0Cx9QZ9VuIfpOQ==' }],
    ['unknown VM', { 'X-ONEGATE-VMID': '999', 'X-ONEGATE-TOKEN': '5QpnDSbE0Cx9QZ9VuIfpOQ==' }],
    ['token of another VM', { 'X-ONEGATE-VMID': '7', 'X-ONEGATE-TOKEN': '5QpnDSbE0Cx9QZ9VuIfpOQ==' }],
    ['garbage token', { 'X-ONEGATE-VMID': '42', 'X-ONEGATE-TOKEN': 'not-a-token' }],
    ['wrong STIME', { 'X-ONEGATE-VMID': '42', 'X-ONEGATE-TOKEN': makeToken(ALICE, 42, 1700000001) }],
    ['creator without TOKEN_PASSWORD (VM 80)', { 'X-ONEGATE-VMID': '80', 'X-ONEGATE-TOKEN': makeToken(ALICE, 80, 1700005000) }],
    ['creator deleted (VM 81), no fallback to the owner', { 'X-ONEGATE-VMID': '81', 'X-ONEGATE-TOKEN': makeToken(ALICE, 81, 1700005100) }],
    ['owner password for a VM created by bob (VM 62)', { 'X-ONEGATE-VMID': '62', 'X-ONEGATE-TOKEN': makeToken(ALICE, 62, 1700002200) }],
  ])('%s', async (_name, headers) => {
    for (const path of ['/', '/vm', '/service', '/vrouter', '/vnet/1']) {
      // /vms/42 without VMID authenticates as VM 42 (id fallback)
      const r = await call(sim, 'GET', path, { headers });
      expect([r.status, r.body]).toEqual([401, 'Not authorized']);
      expect(r.headers['content-type']).toBe('application/json;charset=utf-8');
    }
  });
});

describe('successful authentication', () => {
  it('uses the creator (bob) for VM 62 and accepts a DONE VM', async () => {
    expect((await call(sim, 'GET', '/vm', { as: 62, token: makeToken(BOB, 62, 1700002200) })).status).toBe(200);
    expect((await call(sim, 'GET', '/vm', { as: 70 })).status).toBe(200);
  });

  it('reads header names case-insensitively and trims the token', async () => {
    const r = await call(sim, 'GET', '/vm', {
      headers: { 'x-onegate-token': ` ${sim.tokenFor(42)}\n`.trim() + ' ', 'X-Onegate-Vmid': '42' },
    });
    expect(r.status).toBe(200);
  });

  it('falls back to the id parameter when X-ONEGATE-VMID is missing (auth only)', async () => {
    const r = await call(sim, 'GET', '/?id=42', { headers: { 'X-ONEGATE-TOKEN': sim.tokenFor(42) } });
    expect(r.status).toBe(200);
    // The source-VM lookup reads the (missing) header as 0, which is no VM.
    const vm = await call(sim, 'GET', '/vms/42', { headers: { 'X-ONEGATE-TOKEN': sim.tokenFor(42) } });
    expect([vm.status, vm.body]).toEqual([404, '[one.vm.info] Error getting virtual machine [0].']);
  });

  it('converts VMID like Ruby to_i ("42abc" is 42)', async () => {
    expect((await call(sim, 'GET', '/vm', { headers: { 'X-ONEGATE-TOKEN': sim.tokenFor(42), 'X-ONEGATE-VMID': '42abc' } })).status).toBe(
      200,
    );
  });
});

describe('permission flags', () => {
  it('answers 403 before authentication on a disabled route', async () => {
    const s = await startOneGate({ config: { ':permissions': { ':vm': { ':show': false, ':update': 'no' } } } });
    const r = await call(s, 'GET', '/vm');
    expect([r.status, r.body]).toEqual([403, 'Action (show) on resource (vm) not supported']);
    expect((await call(s, 'PUT', '/vm', { as: 42, body: 'A=1' })).body).toBe('Action (update) on resource (vm) not supported');
    expect((await call(s, 'GET', '/vnet/1')).body).toBe('Action (show_by_id) on resource (vnet) not supported');
    expect((await call(s, 'GET', '/', { as: 42 })).status).toBe(200);
    await s.close();
  });

  it('answers 403 everywhere when :permissions is absent', async () => {
    const s = await startOneGate({ config: { ':restricted_attrs': ['X'] } });
    for (const [m, p, body] of [
      ['GET', '/service', 'Action (show) on resource (service) not supported'],
      ['PUT', '/service/role/web', 'Action (change_cardinality) on resource (service) not supported'],
      ['POST', '/vms/42/action', 'Action (action_by_id) on resource (vm) not supported'],
      ['GET', '/vrouter', 'Action (show) on resource (vrouter) not supported'],
      ['PUT', '/vms/42', 'Action (update_by_id) on resource (vm) not supported'],
      ['GET', '/vms/42', 'Action (show_by_id) on resource (vm) not supported'],
    ]) {
      expect((await call(s, m, p, { as: 42 })).body).toBe(body);
    }
    await s.close();
  });
});

describe('TOKEN_PASSWORD change', () => {
  it('invalidates old tokens of every VM the user created', async () => {
    const s = await startOneGate();
    const old = s.tokenFor(42);
    await s.setTokenPassword('alice', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff');
    expect(s.tokenFor(42)).not.toBe(old);
    expect((await call(s, 'GET', '/vm', { as: 42, token: old })).status).toBe(401);
    expect((await call(s, 'GET', '/vm', { as: 42 })).status).toBe(200);
    expect((await call(s, 'GET', '/vm', { as: 62, token: makeToken(BOB, 62, 1700002200) })).status).toBe(200);
    await s.close();
  });
});
