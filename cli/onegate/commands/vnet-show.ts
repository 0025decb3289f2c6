// onegate vnet show VNETID [--json] [--extended]: GET /vnet/VNETID; only virtual router VMs may ask.
import { showVnet } from '../../../agent/onegate/requests';
import { CliError } from '../errors';
import { fetchDocument } from './fetch-document';
import type { Command } from './types';

export const vnetShow: Command = {
  resource: 'vnet',
  verbs: ['show'],
  summary: 'show a virtual network of this virtual router (--extended adds lease details)',
  help: ['onegate vnet show VNETID [--json][--extended]'],
  options: ['json', 'yaml', 'extended'],
  async run(ctx) {
    const id = ctx.args[0];
    if (id === undefined) throw new CliError('CLI_USAGE', 'You have to provide a VNET ID');
    return fetchDocument(ctx, showVnet(id, { extended: ctx.options.extended }), 'vnet');
  },
};
