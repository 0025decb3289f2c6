// onegate vm update [VMID] --data "K=V\nK2=V2" | --erase KEY: PUT /vm (or /vms/VMID) with the form body
// data=...&type=1|2. The data is sent unchanged: the server splits the two characters \n into lines.
import { CliError } from '../errors';
import type { Command } from './types';

export const vmUpdate: Command = {
  resource: 'vm',
  verbs: ['update'],
  wakesAgent: true,
  summary: 'add, replace (--data) or erase (--erase) attributes of the VM user template',
  help: ['onegate vm update [VMID] --data KEY=VALUE\\nKEY2=VALUE2', 'onegate vm update [VMID] --erase KEY'],
  options: ['data', 'erase'],
  async run(ctx) {
    const update = ctx.options.update;
    if (!update) throw new CliError('CLI_USAGE', 'You have to provide the data as a param (--data, --erase)');
    const client = await ctx.client();
    const target = ctx.args[0] === undefined ? {} : { vmid: ctx.args[0] };
    if (update.type === 1) await client.updateVmRaw(update.data, target);
    else await client.eraseVmAttribute(update.data, target);
    return {};
  },
};
