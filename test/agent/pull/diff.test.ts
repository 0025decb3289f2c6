import { describe, expect, it } from 'vitest';
import { diffService, diffVm, diffWhole } from '../../../agent/pull/diff';

const vm = (ut: Record<string, unknown>, state = '3') => ({
  VM: { ID: '42', NAME: 'web', STATE: state, LCM_STATE: '3', USER_TEMPLATE: ut, TEMPLATE: { NIC: [], NIC_ALIAS: [] } },
});
const none = () => false;
const node = (id: number) => ({ deploy_id: id, running: null, vm_info: { VM: { ID: String(id) } } });
const service = (roles: Record<string, number[]>, state = 2) => ({
  SERVICE: {
    name: 'shop',
    id: '7',
    state,
    roles: Object.entries(roles).map(([name, ids]) => ({ name, cardinality: ids.length, state: 2, nodes: ids.map(node) })),
  },
});

describe('diffVm', () => {
  it('fires vm and user_template on the first fetch, even with an empty template', () => {
    const changes = diffVm(undefined, vm({}), none);
    expect(changes.map((c) => c.event)).toEqual(['vm', 'user_template']);
    expect(changes[0].env).toEqual({ ONEGATE_VM_STATE: '3', ONEGATE_VM_LCM_STATE: '3' });
    expect(changes[1].env.ONEGATE_CHANGED).toBe('');
  });
  it('fires nothing when nothing changed, whatever the key order', () => {
    expect(diffVm(vm({ A: '1', B: '2' }), vm({ B: '2', A: '1' }), none)).toEqual([]);
  });
  it('fires only user_template for a template change and names the changed keys', () => {
    const changes = diffVm(vm({ A: '1', B: '2', D: '4' }), vm({ A: '1', B: '3', C: { X: '1' } }), none);
    expect(changes).toEqual([{ event: 'user_template', env: { ONEGATE_CHANGED: 'B C D' } }]);
  });
  it("ignores attributes the filter names (the agent's own pushes)", () => {
    expect(diffVm(vm({ CPU_USAGE: '1' }), vm({ CPU_USAGE: '2' }), (k) => k === 'CPU_USAGE')).toEqual([]);
  });
  it('fires only vm for a state change', () => {
    expect(diffVm(vm({}), vm({}, '8'), none).map((c) => c.event)).toEqual(['vm']);
  });
  it('fires both on removal', () => {
    expect(diffVm(vm({ A: '1' }), undefined, none).map((c) => c.event)).toEqual(['vm', 'user_template']);
  });
});

describe('diffService', () => {
  it('fires service and one service_role per role on the first fetch', () => {
    const changes = diffService(undefined, service({ web: [42, 43], db: [] }));
    expect(changes.map((c) => [c.event, c.env.ONEGATE_ROLE])).toEqual([
      ['service', undefined],
      ['service_role', 'db'],
      ['service_role', 'web'],
    ]);
    expect(changes[2].env).toMatchObject({
      ONEGATE_SERVICE_ID: '7',
      ONEGATE_ROLE_ADDED: '42 43',
      ONEGATE_ROLE_REMOVED: '',
      ONEGATE_ROLE_VMS: '42 43',
    });
  });
  it('fires service_role only for the role that gained or lost a VM', () => {
    const changes = diffService(service({ web: [42, 43], db: [44] }), service({ web: [42, 45], db: [44] }));
    expect(changes.map((c) => c.event)).toEqual(['service', 'service_role']);
    expect(changes[1].env).toMatchObject({
      ONEGATE_ROLE: 'web',
      ONEGATE_ROLE_ADDED: '45',
      ONEGATE_ROLE_REMOVED: '43',
      ONEGATE_ROLE_VMS: '42 45',
    });
  });
  it('fires only service for a state change, and nothing for vm_info details', () => {
    expect(diffService(service({ web: [42] }), service({ web: [42] }, 8)).map((c) => c.event)).toEqual(['service']);
    const changed = service({ web: [42] });
    (changed.SERVICE.roles[0].nodes[0].vm_info.VM as Record<string, string>).MONITORING = 'x';
    expect(diffService(service({ web: [42] }), changed)).toEqual([]);
  });
  it('reports a role that disappeared as losing all its VMs', () => {
    const changes = diffService(service({ web: [42], db: [44] }), service({ web: [42] }));
    expect(changes[1].env).toMatchObject({ ONEGATE_ROLE: 'db', ONEGATE_ROLE_REMOVED: '44', ONEGATE_ROLE_VMS: '' });
  });
});

describe('diffWhole', () => {
  it('fires on any change, on first fetch and on removal, not on reordering', () => {
    const env = { ONEGATE_VNET_ID: '1' };
    expect(diffWhole('vnet', env, undefined, { a: 1 })).toEqual([{ event: 'vnet', env }]);
    expect(diffWhole('vnet', env, { a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
    expect(diffWhole('vnet', env, { a: 1 }, { a: 2 })).toHaveLength(1);
    expect(diffWhole('vnet', env, { a: 1 }, undefined)).toHaveLength(1);
    expect(diffWhole('vnet', env, undefined, undefined)).toEqual([]);
  });
});
