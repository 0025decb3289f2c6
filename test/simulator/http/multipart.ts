// multipart/form-data bodies, which Rack parses into params like urlencoded forms (update in onegate-server.rb
// l.566 reads the `data` and `type` params, wherever Rack took them from). File parts are skipped: no route reads them.
import { isUtf8 } from 'node:buffer';
import { HttpError } from './error';

/** Adds the text fields of a multipart body to `into`; names whose value is not UTF-8 go to `bad`. */
export function parseMultipart(body: Buffer, contentType: string, into: Record<string, string>, bad: Set<string>): void {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new HttpError(400, 'bad content body'); // Rack: EOFError/no boundary -> 400 from Sinatra
  const delimiter = `--${m[1] ?? m[2]}`;
  const text = body.toString('latin1');
  for (const part of text.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break; // closing delimiter
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined || /\bfilename=/i.test(head)) continue;
    const value = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
    into[name] = value.toString('utf8');
    if (isUtf8(value)) bad.delete(name);
    else bad.add(name);
  }
}
