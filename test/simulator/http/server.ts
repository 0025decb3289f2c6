// The OneGate listener: reads the request (bounded), applies faults, parses Rack params, runs the
// pipeline and writes the answer with the server's headers; records every request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Fault, takeFaults } from '../control/faults';
import type { Recorder } from '../control/recorder';
import { matchRoute } from '../render/routes';
import { type Answer, HttpError } from './error';
import { hostPermitted, SINATRA_DEVELOPMENT_HOSTS } from './host-authorization';
import { parseMultipart } from './multipart';
import { InvalidParameterError, isFormBody, mediaTypeOf, parseForm } from './params';
import { answer } from './pipeline';
import type { SimState } from './state';

/** application/json;charset=utf-8 is set on every answer, errors included (onegate-server.rb l.132 at release-7.4.0). */
export const JSON_TYPE = 'application/json;charset=utf-8';

/** Everything the request handler needs. */
export interface ServerDeps {
  sim: SimState;
  recorder: Recorder;
  faults: Fault[];
  onRequest?: (line: string) => void;
}

/** Handles one request; never throws. */
export async function handleRequest(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = splitUrl(req.url ?? '/');
  const vmid = typeof req.headers['x-onegate-vmid'] === 'string' ? req.headers['x-onegate-vmid'] : undefined;
  const match = matchRoute(req.method ?? 'GET', url.pathname);
  const query: Record<string, string> = Object.fromEntries(new URLSearchParams(url.search));
  const rec = {
    method: req.method ?? '',
    path: url.pathname,
    query,
    headers: { ...req.headers },
    body: '',
    status: 0,
    vmid,
    route: match?.route.name,
    at: started,
  };
  const finish = (status: number): void => {
    rec.status = status;
    deps.recorder.add(rec);
    deps.onRequest?.(
      `${req.socket.remoteAddress ?? '-'} "${rec.method} ${req.url ?? ''}" ${status} vmid=${vmid ?? '-'} ${Date.now() - started}ms`,
    );
  };
  const body = await readBody(req, deps.sim.config.sim.maxBodyBytes);
  if (body === null) {
    send(res, { status: 413, body: 'Request body too large' }, false, true);
    return finish(413);
  }
  rec.body = body.toString('utf8');
  const faults = takeFaults(deps.faults, { method: rec.method, path: url.pathname, routeName: match?.route.name, vmid });
  for (const f of faults.filter((x) => x.kind === 'latency')) await delay(f.ms ?? 1000);
  const fatal = faults.find((f) => f.kind === 'status' || f.kind === 'reset' || f.kind === 'hang');
  if (fatal?.kind === 'reset') {
    req.socket.destroy();
    return finish(0);
  }
  if (fatal?.kind === 'hang') {
    finish(0);
    return;
  } // the socket stays open until the client or close() ends it
  if (fatal?.kind === 'status') {
    send(res, { status: fatal.status ?? 500, body: fatal.body ?? 'Internal server error' }, req.method === 'HEAD');
    return finish(fatal.status ?? 500);
  }
  const out = respond(
    deps.sim,
    req,
    url,
    body,
    match,
    faults.some((f) => f.kind === 'form-body-bug'),
  );
  send(res, out, req.method === 'HEAD');
  finish(out.status);
}

// The host list rack-protection gets: Sinatra's development default (host_authorization), else the
// config's :server: setting where the version passes it on (server_settings), else none.
function permittedHosts(sim: SimState): readonly string[] {
  if (sim.config.sim.hostAuthorization) return SINATRA_DEVELOPMENT_HOSTS;
  return (sim.config.sim.serverSettings && sim.config.permittedHosts) || [];
}

function respond(
  sim: SimState,
  req: IncomingMessage,
  url: { pathname: string; search: string },
  body: Buffer,
  match: ReturnType<typeof matchRoute>,
  formBug: boolean,
): Answer {
  const host = req.headers.host ?? '';
  if (!hostPermitted(req.headers, permittedHosts(sim)))
    return { status: 403, body: 'Host not permitted', contentType: 'text/plain', unsized: true };
  const method = req.method ?? 'GET';
  const mediaType = mediaTypeOf(req.headers['content-type']);
  const params: Record<string, string> = {};
  const badUtf8 = new Set<string>();
  const formParsed = isFormBody(method, mediaType);
  try {
    parseForm(url.search, params, badUtf8, 'latin1');
    if (mediaType === 'multipart/form-data') parseMultipart(body, String(req.headers['content-type']), params, badUtf8);
    else if (formParsed) parseForm(body.toString('latin1'), params, badUtf8, 'latin1');
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: e.body };
    if (e instanceof InvalidParameterError) return invalidParameters(e, sim.config.sim.rackEscapeHtml3);
    throw e;
  }
  // Rack 3 consumes a form-typed body and the action and scale routes read it back as "" (form_body_lost);
  // the PUT update routes rewind it (7.0.1+; update_body_lost for 7.0.0).
  const rewinds = match?.route.name === 'PUT /vm' || match?.route.name === 'PUT /vms/:id';
  const consumed = formParsed && mediaType !== '' && (formBug || sim.config.sim.formBodyLost) && !rewinds;
  return answer(
    sim,
    {
      method,
      path: url.pathname,
      headers: req.headers,
      body: consumed ? Buffer.alloc(0) : body,
      params,
      badUtf8,
      mediaType,
      formParsed,
      host,
      scheme: 'http',
    },
    match,
  );
}

// Sinatra's Request#params turns Rack's InvalidParameterError into BadRequest("Invalid query parameters: " +
// escape_html(message)), and handle_exception! escapes that again as the body: a 400 in Sinatra's default
// text/html type (the before filter that sets JSON has not run), for any route, before authentication.
function invalidParameters(e: InvalidParameterError, rack3: boolean): Answer {
  const esc = rack3 ? escapeHtmlRack3 : escapeHtmlRack2;
  return { status: 400, body: esc(`Invalid query parameters: ${esc(e.message)}`), contentType: 'text/html;charset=utf-8' };
}

const RACK2_HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#x27;', '"': '&quot;', '/': '&#x2F;' };
const escapeHtmlRack2 = (t: string): string => t.replace(/[&<>'"/]/g, (c) => RACK2_HTML[c]!);
// CGI.escapeHTML
const RACK3_HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
const escapeHtmlRack3 = (t: string): string => t.replace(/[&<>'"]/g, (c) => RACK3_HTML[c]!);

/** Writes an answer; 204 has neither body nor Content-Type (Sinatra drops them). */
export function send(res: ServerResponse, out: Answer, headOnly: boolean, close = false): void {
  if (res.headersSent || res.destroyed) return;
  // rack-protection adds nosniff to every answer that passes through it; the development error pages do not.
  const headers: Record<string, string | number> = out.page ? {} : { 'X-Content-Type-Options': 'nosniff' };
  // ... and, to an HTML answer, XSSHeader's and FrameOptions' headers.
  if (!out.page && out.contentType?.startsWith('text/html'))
    Object.assign(headers, { 'X-XSS-Protection': '1; mode=block', 'X-Frame-Options': 'SAMEORIGIN' });
  if (out.status !== 204) {
    headers['Content-Type'] = out.contentType ?? JSON_TYPE;
    headers['Content-Length'] = out.unsized && headOnly ? 0 : Buffer.byteLength(out.body);
  }
  if (close) headers.Connection = 'close';
  res.writeHead(out.status, headers);
  res.end(out.status === 204 || headOnly ? undefined : out.body);
}

// The body, or null once it exceeds `limit` (the rest is not read and the connection is closed).
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

// The raw path is matched as sent: WHATWG URL parsing would resolve "//vm" or "/a/../vm".
function splitUrl(raw: string): { pathname: string; search: string } {
  const q = raw.indexOf('?');
  return q < 0 ? { pathname: raw, search: '' } : { pathname: raw.slice(0, q), search: raw.slice(q + 1) };
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());
