import { describe, expect, it } from 'vitest';
import { asArray, normaliseRoot, normaliseService, normaliseVm, normaliseVnet, normaliseVrouter } from '../../../agent/onegate/documents';

describe('asArray', () => {
  it.each([
    [undefined, []],
    [null, []],
    ['', []],
    ['a', ['a']],
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [{ A: '1' }, [{ A: '1' }]],
  ])('%j', (input, expected) => {
    expect(asArray(input as never)).toEqual(expected);
  });
});

describe('normaliseVm', () => {
  it('keeps values, makes NIC and NIC_ALIAS arrays', () => {
    const doc = normaliseVm({
      VM: {
        NAME: 'a',
        ID: '42',
        STATE: '3',
        LCM_STATE: '3',
        USER_TEMPLATE: { TAG: ['a', 'b'], APP: { PORT: '8080' } },
        TEMPLATE: { NIC: { IP: '10.0.0.5' } },
      },
    });
    expect(doc.VM.TEMPLATE).toEqual({ NIC: [{ IP: '10.0.0.5' }], NIC_ALIAS: [] });
    expect(doc.VM.USER_TEMPLATE).toEqual({ TAG: ['a', 'b'], APP: { PORT: '8080' } });
    expect(doc.VM.ID).toBe('42');
  });
  it('fills a missing template and user template', () => {
    expect(normaliseVm({ VM: { ID: '1' } }).VM).toMatchObject({ USER_TEMPLATE: {}, TEMPLATE: { NIC: [], NIC_ALIAS: [] } });
  });
  it.each([[null], [[]], [{}], [{ VM: 'x' }], [{ SERVICE: {} }]])('refuses %j as ONEGATE_BAD_RESPONSE', (json) => {
    expect(() => normaliseVm(json, 'GET /vms/4')).toThrow(/GET \/vms\/4: expected a JSON object \{"VM"/);
  });
});

describe('normaliseService', () => {
  it('makes roles and nodes arrays and extended raw VM lists arrays', () => {
    const doc = normaliseService({
      SERVICE: {
        name: 's',
        id: '7',
        state: 2,
        roles: {
          name: 'web',
          cardinality: 1,
          state: 2,
          nodes: {
            deploy_id: 42,
            vm_info: {
              VM: {
                ID: '42',
                TEMPLATE: { NIC: { IP: '1.1.1.1' }, DISK: { DISK_ID: '0' } },
                HISTORY_RECORDS: { HISTORY: { SEQ: '0' } },
              },
            },
          },
        },
      },
    });
    const node = doc.SERVICE.roles[0]!.nodes[0]!;
    expect(node.running).toBeNull();
    expect(node.vm_info!.VM.TEMPLATE).toEqual({ NIC: [{ IP: '1.1.1.1' }], NIC_ALIAS: [], DISK: [{ DISK_ID: '0' }] });
    expect(node.vm_info!.VM.HISTORY_RECORDS).toEqual({ HISTORY: [{ SEQ: '0' }] });
  });
  it('keeps a null vm_info null', () => {
    const doc = normaliseService({ SERVICE: { roles: [{ nodes: [{ deploy_id: 1, running: null, vm_info: null }] }] } });
    expect(doc.SERVICE.roles[0]!.nodes[0]!.vm_info).toBeNull();
  });
});

describe('normaliseVrouter and normaliseVnet', () => {
  it('makes VMS.ID and TEMPLATE.NIC arrays', () => {
    const doc = normaliseVrouter({ VROUTER: { NAME: 'vr', ID: '0', VMS: { ID: '1' }, TEMPLATE: { NIC: { NETWORK: 'n' }, X: 'y' } } });
    expect(doc.VROUTER).toEqual({ NAME: 'vr', ID: '0', VMS: { ID: ['1'] }, TEMPLATE: { NIC: [{ NETWORK: 'n' }], X: 'y' } });
  });
  it('turns the integer VM IDs of a several-VM router into strings', () => {
    expect(normaliseVrouter({ VROUTER: { VMS: { ID: [50, 51] } } }).VROUTER.VMS.ID).toEqual(['50', '51']);
    expect(normaliseVrouter({ VROUTER: { VMS: {} } }).VROUTER.VMS.ID).toEqual([]);
  });
  it('makes vnet lists arrays and an empty parent ""', () => {
    const doc = normaliseVnet({
      VNET: {
        ID: '0',
        NAME: 'v',
        USED_LEASES: '1',
        VROUTERS: { ID: '0' },
        PARENT_NETWORK_ID: {},
        AR_POOL: { AR: { AR_ID: '0', TYPE: 'IP4', LEASES: { LEASE: { IP: '1.2.3.4', EXTERNAL: false } } } },
        TEMPLATE: { DNS: '1.1.1.1' },
      },
    });
    expect(doc.VNET.PARENT_NETWORK_ID).toBe('');
    expect(doc.VNET.VROUTERS.ID).toEqual(['0']);
    expect(doc.VNET.AR_POOL.AR[0]!.LEASES.LEASE).toEqual([{ IP: '1.2.3.4', EXTERNAL: false }]);
    const empty = normaliseVnet({ VNET: { ID: '1', PARENT_NETWORK_ID: '0', AR_POOL: { AR: { AR_ID: '0', LEASES: {} } } } });
    expect(empty.VNET.PARENT_NETWORK_ID).toBe('0');
    expect(empty.VNET.AR_POOL.AR[0]!.LEASES.LEASE).toEqual([]);
  });
});

describe('normaliseRoot', () => {
  it('accepts the two URLs and refuses anything else', () => {
    expect(normaliseRoot({ vm_info: 'http://h//vm', service_info: 'http://h//service' })).toEqual({
      vm_info: 'http://h//vm',
      service_info: 'http://h//service',
    });
    expect(() => normaliseRoot({ vm_info: 1 })).toThrow(/GET \/: expected/);
    expect(() => normaliseRoot('x')).toThrow(/GET \/: expected/);
  });
});
