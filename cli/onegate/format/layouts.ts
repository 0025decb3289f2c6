// Text layouts of the show commands, byte-compatible with the Ruby client (the `print` functions of share/onegate/onegate, l.326–440 at release-7.4.0). Pure:
// document in, text out. Where the Ruby client crashes on a document (a node without vm_info, an extended
// VM without NIC, a missing VMS list), these print what is there instead (docs/cli.md).
import { SERVICE_STATES, stateName, vmStateName } from './states';
import { header, keyValue, scalarText } from './text';

/** How a layout is drawn. */
export interface LayoutOptions {
  /** stdout is a terminal: bold and underlined headers. */
  tty: boolean;
  /** --extended was given (service show adds STATE and IP lines per VM). */
  extended: boolean;
}

type Doc = Record<string, unknown>;

function obj(value: unknown): Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : {};
}

/** Ruby's `[x].flatten` over one level: an array as is, nothing for nil, else a one-element list. */
function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** `VM <ID>` and NAME; with `extended`, STATE and one IP line per NIC (service show --extended). */
export function vmText(doc: unknown, o: LayoutOptions): string {
  const vm = obj(obj(doc).VM);
  let text = header(`VM ${scalarText(vm.ID)}`, o.tty) + keyValue('NAME', vm.NAME);
  if (!o.extended) return text;
  text += keyValue('STATE', vmStateName(vm.STATE, vm.LCM_STATE));
  for (const nic of list(obj(vm.TEMPLATE).NIC)) text += keyValue('IP', obj(nic).IP);
  return text;
}

/** The service block, then per role its header, its VMs and an empty line (even for an empty role). */
export function serviceText(doc: unknown, o: LayoutOptions): string {
  const service = obj(obj(doc).SERVICE);
  let text =
    header(`SERVICE ${scalarText(service.id)}`, o.tty) +
    keyValue('NAME', service.name) +
    keyValue('STATE', stateName(SERVICE_STATES, service.state)) +
    '\n';
  for (const role of list(service.roles).map(obj)) {
    text += header(`ROLE ${scalarText(role.name)}`, o.tty, false);
    for (const node of list(role.nodes).map(obj)) {
      // A node whose vm_info OneFlow could not read still gets its header, from deploy_id.
      const info = node.vm_info ?? { VM: { ID: node.deploy_id } };
      text += vmText(info, o);
    }
    text += '\n';
  }
  return text;
}

/** `VROUTER <ID>`, NAME, the VM ids joined with commas, an empty line. */
export function vrouterText(doc: unknown, o: LayoutOptions): string {
  const vr = obj(obj(doc).VROUTER);
  const vms = list(obj(vr.VMS).ID).map(scalarText).join(',');
  return header(`VROUTER ${scalarText(vr.ID)}`, o.tty) + keyValue('NAME', vr.NAME) + keyValue('VMS', vms) + '\n';
}

/** `VNET`, ID, an empty line. */
export function vnetText(doc: unknown, o: LayoutOptions): string {
  return header('VNET', o.tty) + keyValue('ID', obj(obj(doc).VNET).ID) + '\n';
}
