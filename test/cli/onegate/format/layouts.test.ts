import { describe, expect, it } from 'vitest';
import { serviceText, vmText, vrouterText } from '../../../../cli/onegate/format/layouts';

const plain = { tty: false, extended: false };

describe('text layouts on documents the Ruby client crashes on', () => {
  it('a node without vm_info prints its header from deploy_id', () => {
    const doc = { SERVICE: { id: '7', name: 's', state: 2, roles: [{ name: 'web', nodes: [{ deploy_id: 42, vm_info: null }] }] } };
    expect(serviceText(doc, plain)).toContain('ROLE web\nVM 42\nNAME                :                     \n\n');
  });
  it('an extended VM without NIC prints no IP line', () => {
    const doc = { VM: { ID: '9', NAME: 'n', STATE: '8', LCM_STATE: '0', TEMPLATE: {} } };
    expect(vmText(doc, { tty: false, extended: true })).toBe(
      'VM 9\nNAME                : n                   \nSTATE               : POWEROFF            \n',
    );
  });
  it('an extended VM with one NIC as an object (raw one.vm.info) prints its IP; an IPv6-only NIC an empty IP', () => {
    const one = { VM: { ID: '9', NAME: 'n', STATE: '3', LCM_STATE: '3', TEMPLATE: { NIC: { IP: '10.0.0.9' } } } };
    expect(vmText(one, { tty: false, extended: true })).toContain('IP                  : 10.0.0.9            \n');
    const v6 = { VM: { ID: '9', NAME: 'n', STATE: '3', LCM_STATE: '3', TEMPLATE: { NIC: [{ IP6_GLOBAL: '2001:db8::9' }] } } };
    expect(vmText(v6, { tty: false, extended: true })).toContain(`IP                  : ${' '.repeat(20)}\n`);
  });
  it('a router with one VM id as a string, or without VMS', () => {
    expect(vrouterText({ VROUTER: { ID: '3', NAME: 'vr', VMS: { ID: '42' } } }, plain)).toContain(
      'VMS                 : 42                  \n',
    );
    expect(vrouterText({ VROUTER: { ID: '3', NAME: 'vr' } }, plain)).toContain(`VMS                 : ${' '.repeat(20)}\n`);
  });
  it('a service without roles prints its block and the empty line', () => {
    expect(serviceText({ SERVICE: { id: '7', name: 's', state: 15 } }, plain)).toBe(
      'SERVICE 7\nNAME                : s                   \nSTATE               : HOLD                \n\n',
    );
  });
  it('draws ROLE headers bold only, VM headers bold and underlined, on a terminal', () => {
    const doc = {
      SERVICE: {
        id: '7',
        name: 's',
        state: 2,
        roles: [{ name: 'db', nodes: [{ deploy_id: 44, vm_info: { VM: { ID: '44', NAME: 'db_0' } } }] }],
      },
    };
    const text = serviceText(doc, { tty: true, extended: false });
    expect(text).toContain(`\x1b[1mROLE db${' '.repeat(73)}\x1b[0m\n\x1b[1m\x1b[4mVM 44${' '.repeat(75)}\x1b[0m\n`);
  });
});
