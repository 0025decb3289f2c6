// onegate service show [--json] [--extended]: GET /service (?extended=true: each node's full VM).
import { showService } from '../../../agent/onegate/requests';
import { fetchDocument } from './fetch-document';
import type { Command } from './types';

export const serviceShow: Command = {
  resource: 'service',
  verbs: ['show'],
  summary: "show this VM's service, its roles and their VMs (--extended adds each VM's state and IPs)",
  help: ['onegate service show [--json][--extended]'],
  options: ['json', 'yaml', 'extended'],
  run: (ctx) => fetchDocument(ctx, showService({ extended: ctx.options.extended }), 'service'),
};
