// GET /: the two discovery URLs; :ssl_server is used verbatim, else scheme + Host (onegate-server.rb l.879 at release-7.4.0).
import type { Handler } from '../http/state';

export const root: Handler = (ctx) => {
  const base = ctx.sim.config.sslServer ?? `${ctx.scheme}://${ctx.host}`;
  return { status: 200, body: JSON.stringify({ vm_info: `${base}/vm`, service_info: `${base}/service` }) };
};
