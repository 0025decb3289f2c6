// The show commands' GET: the response text is kept for --json (key order, number spelling) and parsed once
// for the text layouts. A 2xx that is not JSON is ONEGATE_BAD_RESPONSE (exit 1, as the Ruby client's crash).
import { OneGateError } from '../../../agent/onegate/errors';
import type { RouteRequest } from '../../../agent/onegate/requests';
import type { CommandContext, CommandResult, Layout } from './types';

/** GETs `req` and returns its document for `layout`. */
export async function fetchDocument(ctx: CommandContext, req: RouteRequest, layout: Layout): Promise<CommandResult> {
  const client = await ctx.client();
  const res = await client.request(req.method, req.path, { query: req.query });
  try {
    return { layout, data: JSON.parse(res.body), raw: res.body };
  } catch (err) {
    const start = res.body.slice(0, 60).replace(/\s+/g, ' ');
    throw new OneGateError('ONEGATE_BAD_RESPONSE',
      `${req.method} ${req.path} answered ${res.status} with a body that is not JSON: "${start}"`, { status: res.status, body: res.body, cause: err });
  }
}
