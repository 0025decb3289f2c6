// onegate vm ACTION VMID [--hard]: POST /vms/VMID/action with {"action":{"perform":ACTION}} (+ "params":true).
// Unlike the 5.10-6.0 Ruby clients, every listed action really sends its request (one#5258).
import { CliError } from '../errors';
import type { Command } from './types';

interface ActionSpec {
  /** The action name sent as "perform". */
  name: string;
  /** --hard applies (shown as [--hard] in the help). */
  hard?: boolean;
  /** Kept for 4.x scripts; not listed in the help. */
  legacy?: boolean;
}

const ACTIONS: readonly ActionSpec[] = [
  { name: 'resume' },
  { name: 'stop' },
  { name: 'suspend' },
  { name: 'terminate', hard: true },
  { name: 'reboot', hard: true },
  { name: 'poweroff', hard: true },
  { name: 'resched' },
  { name: 'unresched' },
  { name: 'hold' },
  { name: 'release' },
  { name: 'delete', legacy: true },
  { name: 'shutdown', legacy: true },
];

export const vmAction: Command = {
  resource: 'vm',
  verbs: ACTIONS.map((a) => a.name),
  wakesAgent: true,
  summary: 'run an action on a VM of the same service or virtual router (reboot may be refused by the server)',
  // The Ruby help lists these as `onegate reboot [VMID]` although the syntax is `onegate vm reboot VMID`;
  // kept verbatim for parity (share/onegate/onegate l.573 at release-7.4.0).
  help: [
    'onegate vm ACTION VMID',
    ...ACTIONS.filter((a) => !a.legacy).map((a) => `    onegate ${a.name} [VMID]${a.hard ? ' [--hard]' : ''}`),
  ],
  options: ['hard'],
  async run(ctx) {
    const vmid = ctx.args[0];
    if (vmid === undefined) throw new CliError('CLI_USAGE', 'You have to provide a VM ID');
    const client = await ctx.client();
    await client.vmAction(vmid, ctx.verb, { hard: ctx.options.hard === true });
    return {};
  },
};
