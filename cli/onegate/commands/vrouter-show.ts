// onegate vrouter show [--json]: GET /vrouter (the server ignores --extended here).
import { showVrouter } from '../../../agent/onegate/requests';
import { fetchDocument } from './fetch-document';
import type { Command } from './types';

export const vrouterShow: Command = {
  resource: 'vrouter',
  verbs: ['show'],
  summary: "show this VM's virtual router and its VMs",
  help: ['onegate vrouter show [--json]'],
  options: ['json', 'yaml', 'extended'],
  run: (ctx) => fetchDocument(ctx, showVrouter({ extended: ctx.options.extended }), 'vrouter'),
};
