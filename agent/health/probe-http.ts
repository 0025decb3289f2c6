// An http check: GET the URL and read the status line only, then close. A 2xx or 3xx passes (a redirect
// says the server is up; it is not followed). No body is read, so a large page costs nothing and no
// HTTP client library is loaded for it.
import { openSocket, socketReason } from './probe-socket';
import type { ProbeResult } from './types';

/** Bytes read looking for the status line before the answer counts as not HTTP. */
const MAX_STATUS_LINE = 4096;

/** The status code in an HTTP/1.x status line, or undefined. */
export function parseStatusLine(line: string): number | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/** GETs `url` (http or https) within the signal's life. */
export async function probeHttp(url: string, signal: AbortSignal): Promise<ProbeResult> {
  const u = new URL(url);
  const tls = u.protocol === 'https:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port === '' ? (tls ? 443 : 80) : Number(u.port);
  try {
    const socket = await openSocket({ host, port, tls }, signal);
    try {
      socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: onegate-agent\r\nConnection: close\r\n\r\n`);
      const status = parseStatusLine(await readLine(socket, signal));
      if (status === undefined) return { ok: false, reason: 'the answer is not HTTP' };
      return status >= 200 && status < 400 ? { ok: true, reason: '' } : { ok: false, reason: `HTTP ${status}` };
    } finally {
      socket.destroy();
    }
  } catch (err) {
    return { ok: false, reason: socketReason(err) };
  }
}

/** The first line the server sends (up to the bound). */
function readLine(socket: import('node:net').Socket, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (err?: unknown): void => {
      socket.off('data', onData).off('end', onEnd).off('error', finish);
      signal.removeEventListener('abort', onAbort);
      if (err === undefined) resolve(text.split('\r\n')[0]);
      else reject(err);
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n') || text.length >= MAX_STATUS_LINE) finish();
    };
    const onEnd = (): void => (text === '' ? finish(Object.assign(new Error('closed without an answer'), { code: '' })) : finish());
    const onAbort = (): void => finish(signal.reason);
    socket.on('data', onData).once('end', onEnd).once('error', finish);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
