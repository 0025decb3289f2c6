// onegate vm show [VMID] [--json]: GET /vm, or /vms/VMID; text is the header and NAME only (5.12+).
import { showVm } from '../../../agent/onegate/requests';
import { fetchDocument } from './fetch-document';
import type { Command } from './types';

export const vmShow: Command = {
  resource: 'vm',
  verbs: ['show'],
  summary: 'show this VM, or another VM of the same service or virtual router',
  help: ['onegate vm show [VMID] [--json]'],
  options: ['json', 'yaml', 'extended'],
  run: (ctx) => fetchDocument(ctx, showVm(ctx.args[0]), 'vm'),
};
