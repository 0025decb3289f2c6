// Reading what the puller left under run_dir (docs/pull.md, "Files"), for `onegate-agent query`: which
// documents are there, since when, and each one parsed. Files are replaced atomically, so a read sees a
// whole document; mtime is the time of the last change (a file is rewritten only when its text changes).
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rowOf } from './table';

/** A document file found under run_dir. */
export interface CachedFile {
  /** vm, service, vrouter or vnet-<id> (the puller's names). */
  name: string;
  /** Its path. */
  path: string;
  /** Epoch ms of its last change. */
  mtimeMs: number;
}

/** A cache that cannot be read (the run directory or one of its documents). */
export class CacheError extends Error {
  readonly code = 'QUERY_CACHE_UNREADABLE';
}

/** A pulled document is a few kilobytes to a few megabytes (an extended service, a network's leases). */
const MAX_DOCUMENT_BYTES = 64 << 20;

/** The document files of runDir in the puller's order (vm, service, vrouter, vnets by ID); undefined when runDir does not exist. */
export function listCache(runDir: string): CachedFile[] | undefined {
  let names: string[];
  try {
    names = readdirSync(runDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CacheError(`${runDir}: cannot read it: ${code ?? (err as Error).message}`);
  }
  const files: CachedFile[] = [];
  for (const file of names) {
    const name = /^([a-z]+(?:-\d+)?)\.json$/.exec(file)?.[1];
    if (!name || !rowOf(name)) continue;
    try {
      const stat = statSync(join(runDir, file));
      if (stat.isFile()) files.push({ name, path: join(runDir, file), mtimeMs: stat.mtimeMs });
    } catch {
      // Removed between readdir and stat (the document left): not cached.
    }
  }
  return files.sort((a, b) => rank(a.name) - rank(b.name));
}

const ORDER = ['vm', 'service', 'vrouter'];

function rank(name: string): number {
  const fixed = ORDER.indexOf(name);
  return fixed >= 0 ? fixed : ORDER.length + Number(name.slice(name.indexOf('-') + 1));
}

/** The parsed document of `file`; throws CacheError naming the file when it is unreadable, too big or not JSON. */
export function readCached(file: CachedFile): unknown {
  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch (err) {
    throw new CacheError(`${file.path}: cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_DOCUMENT_BYTES) throw new CacheError(`${file.path}: larger than ${MAX_DOCUMENT_BYTES >> 20} MiB`);
    const buffer = Buffer.alloc(size);
    let length = 0;
    while (length < size) {
      const n = readSync(fd, buffer, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    return JSON.parse(buffer.toString('utf8', 0, length));
  } catch (err) {
    if (err instanceof CacheError) throw err;
    const why = err instanceof SyntaxError ? 'not a JSON document' : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    throw new CacheError(`${file.path}: ${why}`);
  } finally {
    closeSync(fd);
  }
}
