// The show commands' GET: the response text is kept for --json (key order, number spelling) and parsed once
// for the text layouts. A 2xx that is not JSON is ONEGATE_BAD_RESPONSE (exit 1, as the Ruby client's crash).
import { parseJsonResponse } from '../../../agent/onegate/json';
import type { RouteRequest } from '../../../agent/onegate/requests';
import type { CommandContext, CommandResult, Layout } from './types';

/** GETs `req` and returns its document for `layout`. */
export async function fetchDocument(ctx: CommandContext, req: RouteRequest, layout: Layout): Promise<CommandResult> {
  const client = await ctx.client();
  const res = await client.request(req.method, req.path, { query: req.query });
  return { layout, data: parseJsonResponse(res, `${req.method} ${req.path}`), raw: res.body };
}
