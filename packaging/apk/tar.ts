// A minimal POSIX (pax) tar writer for the members of an Alpine package: regular files, directories and
// symbolic links, owned by root, each optionally preceded by a pax extended header ("x") carrying extra
// records such as apk's per-file checksum. Pure: entries in, bytes out; nothing touches the disk.

/** One member of the archive. */
export interface TarEntry {
  /** Path inside the archive, relative, '/'-separated, without a leading "./" (directories without a trailing '/'). */
  name: string;
  /** What the member is. */
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits (e.g. 0o755). */
  mode: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** The content of a regular file. */
  data?: Buffer;
  /** The target of a symbolic link. */
  linkname?: string;
  /** Records of a pax extended header written just before this member. */
  pax?: Record<string, string>;
}

const BLOCK = 512;
const TYPEFLAG = { file: '0', dir: '5', symlink: '2', pax: 'x' } as const;

export class TarEntryError extends Error {
  readonly code = 'TAR_ENTRY';
}

/**
 * The archive of `entries` in order. With `end` false the two zero blocks that close a tar are left out,
 * so that another tar stream can follow (apk's control and signature streams are "cut" like that).
 */
export function writeTar(entries: readonly TarEntry[], { end }: { end: boolean }): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) parts.push(...member(entry));
  if (end) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function member(entry: TarEntry): Buffer[] {
  const name = entry.type === 'dir' ? `${entry.name}/` : entry.name;
  const pax = { ...entry.pax };
  // Names and link targets longer than the ustar fields go into the pax header, which readers prefer.
  if (Buffer.byteLength(name) > 100) pax.path = name;
  if (entry.linkname !== undefined && Buffer.byteLength(entry.linkname) > 100) pax.linkpath = entry.linkname;
  const out: Buffer[] = [];
  if (Object.keys(pax).length > 0) {
    const body = paxBody(pax);
    out.push(header({ name: truncate(`PaxHeader/${name}`), typeflag: TYPEFLAG.pax, mode: 0o644, size: body.length, mtime: entry.mtime }));
    out.push(padded(body));
  }
  const data = entry.type === 'file' ? (entry.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
  if (entry.type === 'symlink' && !entry.linkname) throw new TarEntryError(`${entry.name}: a symbolic link needs a target`);
  out.push(
    header({
      name: truncate(name),
      typeflag: TYPEFLAG[entry.type],
      mode: entry.mode,
      size: data.length,
      mtime: entry.mtime,
      linkname: entry.linkname === undefined ? '' : truncate(entry.linkname),
    }),
  );
  if (data.length > 0) out.push(padded(data));
  return out;
}

/** Pax records "LEN key=value\n", where LEN counts the whole record including its own digits. */
export function paxBody(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const rest = ` ${key}=${value}\n`;
    const restLength = Buffer.byteLength(rest);
    let length = restLength + 1;
    while (String(length).length + restLength !== length) length = String(length).length + restLength;
    return `${length}${rest}`;
  });
  return Buffer.from(lines.join(''));
}

interface Header {
  name: string;
  typeflag: string;
  mode: number;
  size: number;
  mtime: number;
  linkname?: string;
}

function header(h: Header): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100);
  b.write(octal(h.mode, 8), 100);
  b.write(octal(0, 8), 108); // uid root
  b.write(octal(0, 8), 116); // gid root
  b.write(octal(h.size, 12), 124);
  b.write(octal(h.mtime, 12), 136);
  b.write(' '.repeat(8), 148); // the checksum is computed with its own field as spaces
  b.write(h.typeflag, 156);
  b.write(h.linkname ?? '', 157, 100);
  b.write('ustar\u000000', 257);
  b.write('root', 265);
  b.write('root', 297);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148);
  return b;
}

/** A numeric field: zero-padded octal digits and a terminating NUL, filling `width` bytes. */
function octal(value: number, width: number): string {
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new TarEntryError(`value ${value} does not fit a ${width}-byte tar field`);
  return `${digits.padStart(width - 1, '0')}\u0000`;
}

function truncate(text: string): string {
  return Buffer.from(text).subarray(0, 100).toString();
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}
