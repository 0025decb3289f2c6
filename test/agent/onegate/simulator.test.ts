// The client against the OneGate simulator: every route, the server's escaping round trip, its error texts,
// token rotation with the 401 refresh, and scripted faults.
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientOptions, OneGateClient } from '../../../agent/onegate/client';
import { startOneGate } from '../../simulator';
import { perTest } from '../../support/per-test';
import { halt500Text, SERVER_VERSIONS } from '../../support/server-versions';
import { failure } from './support/failure';

const clients: OneGateClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const sim = perTest(() => startOneGate({ serverVersion: version }));
  function clientAs(vmid: number, options: Partial<ClientOptions> = {}): OneGateClient {
    const client = new OneGateClient({
      credentials: sim.credentials(vmid),
      env: {},
      backoff: { baseMs: 5, factor: 2, maxMs: 10 },
      ...options,
    });
    clients.push(client);
    return client;
  }

  describe('VM routes', () => {
    it('reads the own VM and a VM of the same service, normalised', async () => {
      const client = clientAs(42);
      const own = await client.getVm();
      expect(own.VM).toMatchObject({ ID: '42', NAME: 'web_0_(service_7)', STATE: '3' });
      expect(own.VM.USER_TEMPLATE.SCHED_MESSAGE).toBeUndefined();
      expect(Array.isArray(own.VM.TEMPLATE.NIC) && Array.isArray(own.VM.TEMPLATE.NIC_ALIAS)).toBe(true);
      expect((await client.getVm(43)).VM.ID).toBe('43');
      expect(await client.getRoot()).toEqual({ vm_info: `${sim.url}/vm`, service_info: `${sim.url}/service` });
    });

    it("reports a VM outside the caller's scope with the server's text", async () => {
      expect(await failure(clientAs(42).getVm(7))).toMatchObject({
        code: 'ONEGATE_BAD_REQUEST',
        status: 400,
        body: 'Service 7 does not contain VM 7.',
      });
    });

    it('stores every accepted value exactly as given (the escaping round trip)', async () => {
      const values: Record<string, string> = {
        A_EQ: 'a=b',
        SPACES: 'two words',
        URL: 'http://h/p?a=1&b=2',
        PCT: '50%',
        TAB: 'x\ty',
        UTF8: 'ünïcödé ✓',
        B64: 'YWJj==',
        PLUS: '1+1',
        BRACES: '{x}',
        ANGLE: '<x>',
        SQUOTE: "it's",
        SHELL: '$HOME `id`;|',
        LEAD: ' lead',
        TRAIL: 'trail ',
        HASH: '#1',
        ONLYEQ: '=',
        DOUBLEEQ: '==x==',
        SLASHN: '/n',
        CARET: '^~',
        NBSP: 'a\u00a0b',
        EMOJI: '🙂',
        LONG: 'x'.repeat(5000),
      }; // the same set read back identical from the real OneGate 6.10.5 (docs/client.md)
      await clientAs(42).updateVm(values);
      const stored = sim.vm(42).USER_TEMPLATE;
      for (const [key, value] of Object.entries(values)) expect([key, stored[key]]).toEqual([key, value]);
    });

    it("upper-cases names, erases, and reports the server's refusals", async () => {
      const client = clientAs(42);
      await client.updateVm({ my_app: 'up' });
      expect(sim.vm(42).USER_TEMPLATE.MY_APP).toBe('up');
      await client.eraseVmAttribute('my_app');
      expect(sim.vm(42).USER_TEMPLATE.MY_APP).toBeUndefined();
      expect(await failure(client.eraseVmAttribute('MY_APP'))).toMatchObject({
        code: 'ONEGATE_SERVER_ERROR',
        body: halt500Text(version, 'attribute not found'),
      });
      expect(await failure(client.updateVm({ SERVICE_ID: '9' }))).toMatchObject({
        code: 'ONEGATE_FORBIDDEN',
        body: 'Attribute (SERVICE_ID) cannot be modified',
      });
    });

    it('erases raw data unchanged for CLI parity (a lower-case name is not found)', async () => {
      const client = clientAs(42);
      await client.updateVm({ LOWER: 'x' });
      expect(await failure(client.eraseVmAttributeRaw('lower'))).toMatchObject({
        code: 'ONEGATE_SERVER_ERROR',
        body: halt500Text(version, 'attribute not found'),
      });
      await client.eraseVmAttributeRaw('LOWER');
      expect(sim.vm(42).USER_TEMPLATE.LOWER).toBeUndefined();
    });

    it('passes raw data through for CLI parity, two attributes from a literal \\n', async () => {
      await clientAs(42).updateVmRaw('RAW_A=1\\nRAW_B=2');
      expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ RAW_A: '1', RAW_B: '2' });
    });

    it('performs actions with JSON and gets the reboot default refusal', async () => {
      const client = clientAs(42);
      await client.vmAction(43, 'poweroff', { hard: true });
      expect(JSON.stringify(sim.vm(43).actions)).toContain('poweroff-hard');
      expect(await failure(client.vmAction(42, 'reboot'))).toMatchObject({
        code: 'ONEGATE_FORBIDDEN',
        body: 'Action (reboot) is not allowed on this resource',
      });
    });
  });

  describe('service, vrouter and vnet routes', () => {
    it('reads the service, plain and extended', async () => {
      const client = clientAs(42);
      const plain = await client.getService();
      expect(plain.SERVICE.roles.map((r) => r.name)).toEqual(['web', 'db']);
      expect(plain.SERVICE.roles[0]!.nodes[0]!.vm_info!.VM).not.toHaveProperty('USER_TEMPLATE');
      const extended = await client.getService({ extended: true });
      const vm = extended.SERVICE.roles[0]!.nodes[0]!.vm_info!.VM as { TEMPLATE: { NIC: unknown[] } };
      expect(Array.isArray(vm.TEMPLATE.NIC)).toBe(true);
    });

    it('scales with JSON, which works even with the 7.x form-body bug switched on', async () => {
      sim.setFault({ kind: 'form-body-bug' });
      const client = clientAs(42);
      await client.scaleRole('web', 3);
      expect((await client.getService()).SERVICE.roles[0]!.cardinality).toBe(3);
      expect(await failure(client.scaleRole('db', 2))).toMatchObject({
        code: 'ONEGATE_BAD_REQUEST',
        body: 'Error performing action on service 7 role db',
      });
    });

    it('reads the virtual router and its networks from a router VM', async () => {
      const client = clientAs(50);
      const vr = await client.getVrouter();
      expect(vr.VROUTER.ID).toBe('3');
      expect(vr.VROUTER.VMS.ID).toEqual(expect.arrayContaining(['50', '51']));
      const vnet = await client.getVnet(0, { extended: true });
      expect(vnet.VNET.ID).toBe('0');
      expect(vnet.VNET.AR_POOL.AR.every((ar) => Array.isArray(ar.LEASES.LEASE))).toBe(true);
      expect(await failure(client.getVnet(5))).toMatchObject({
        code: 'ONEGATE_BAD_REQUEST',
        body: 'Virtual Network 5 cannot be retrieved from Virtual router 3.',
      });
      expect(await failure(client.getVnet('x'))).toMatchObject({
        code: 'ONEGATE_BAD_REQUEST',
        body: 'Invalid id format (ID: x). ID must be an integer.',
      });
    });
  });

  describe('tokens and faults', () => {
    it('after a TOKEN_PASSWORD change, re-reads the credentials once on the 401 and succeeds', async () => {
      const client = clientAs(42, { refreshCredentials: async () => sim.credentials(42) });
      await sim.setTokenPassword('alice', 'f'.repeat(64));
      expect((await client.getVm()).VM.ID).toBe('42');
      expect(sim.requests.map((r) => r.status)).toEqual([401, 200]);
    });

    it('retries a GET after a reset and gives up on a hang at the deadline', async () => {
      sim.setFault({ route: '/vm', method: 'GET', kind: 'reset', times: 1 });
      const client = clientAs(42, { timeoutMs: 400 });
      expect((await client.getVm()).VM.ID).toBe('42');
      sim.setFault({ route: '/vm', method: 'GET', kind: 'hang' });
      expect(await failure(client.getVm())).toMatchObject({ code: 'ONEGATE_TIMEOUT' });
    });

    it('does not retry a 5xx answer', async () => {
      sim.setFault({ route: '/vm', kind: 'status', status: 503, body: 'busy', times: 1 });
      expect(await failure(clientAs(42).getVm())).toMatchObject({ code: 'ONEGATE_SERVER_ERROR', status: 503, body: 'busy' });
      expect(sim.requests).toHaveLength(1);
    });
  });
});
