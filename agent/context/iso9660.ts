// A small read-only ISO 9660 reader for the CONTEXT image: volume label, root directory, file contents,
// with Rock Ridge (NM) and Joliet names. It works on a device or an image file through `ReadAt`, so
// guests whose kernel lacks iso9660 (and tests on such hosts) can still read the context.
import { IsoError } from './errors';
import type { ReadAt } from './read-at';
import { readRockRidgeName, readSuspSkip } from './rock-ridge';

const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16;
const MAX_DESCRIPTORS = 64;
const MAX_DIRECTORY = 4 * 1024 * 1024;
// Bounds what a corrupt directory entry can make us allocate.
const MAX_FILE = 64 * 1024 * 1024;

/** One entry of a directory. */
export interface IsoEntry {
  /** Rock Ridge or Joliet name when present, else the ISO name without ";1" and trailing ".". */
  name: string;
  /** True when the name came from Rock Ridge or Joliet (exact case), false for a plain ISO name. */
  exact: boolean;
  /** First logical block. */
  extent: number;
  /** Size in bytes. */
  size: number;
  /** True for a directory. */
  directory: boolean;
}

interface Volume {
  label: string;
  blockSize: number;
  root: Buffer;
  joliet?: Buffer;
}

/** The volume label (PVD volume identifier), or undefined when this is not ISO 9660. */
export async function readIsoLabel(read: ReadAt): Promise<string | undefined> {
  const pvd = await read(FIRST_DESCRIPTOR * SECTOR, SECTOR);
  if (pvd.length < SECTOR || pvd[0] !== 1 || pvd.toString('latin1', 1, 6) !== 'CD001') return undefined;
  return pvd.toString('latin1', 40, 72).trimEnd();
}

/** Lists the root directory, preferring Rock Ridge names, then Joliet, then ISO names. */
export async function listIsoRoot(read: ReadAt): Promise<IsoEntry[]> {
  return listRoot(read, await readVolume(read));
}

async function listRoot(read: ReadAt, volume: Volume): Promise<IsoEntry[]> {
  const rootDir = await readExtent(read, volume.root, volume.blockSize);
  const skip = readSuspSkip(firstSystemUse(rootDir, volume.blockSize));
  if (skip !== undefined) {
    const entries = await parseDirectory(rootDir, volume.blockSize, (su) => readRockRidgeName(su, skip, read, volume.blockSize));
    if (entries.some((e) => e.exact)) return entries;
  }
  if (volume.joliet) {
    const jolietDir = await readExtent(read, volume.joliet, volume.blockSize);
    return parseDirectory(jolietDir, volume.blockSize, undefined, decodeJoliet);
  }
  return parseDirectory(rootDir, volume.blockSize);
}

/** Reads files of the root directory by name; a missing name is absent from the result. */
export async function readIsoFiles(read: ReadAt, names: string[]): Promise<Map<string, Buffer>> {
  const volume = await readVolume(read);
  const entries = (await listRoot(read, volume)).filter((e) => !e.directory);
  const files = new Map<string, Buffer>();
  for (const wanted of names) {
    const entry = entries.find((e) => e.name === wanted) ?? entries.find((e) => !e.exact && e.name === wanted.toLowerCase());
    if (!entry) continue;
    if (entry.size > MAX_FILE) throw new IsoError(`${wanted} is larger than ${MAX_FILE} bytes`);
    const data = await read(entry.extent * volume.blockSize, entry.size);
    if (data.length !== entry.size) throw new IsoError(`${wanted} is truncated`);
    files.set(wanted, data);
  }
  return files;
}

async function readVolume(read: ReadAt): Promise<Volume> {
  let primary: Volume | undefined;
  for (let i = 0; i < MAX_DESCRIPTORS; i++) {
    const d = await read((FIRST_DESCRIPTOR + i) * SECTOR, SECTOR);
    if (d.length < SECTOR || d.toString('latin1', 1, 6) !== 'CD001') throw new IsoError('no ISO 9660 volume descriptor');
    if (d[0] === 255) break;
    if (d[0] === 1 && !primary) {
      const blockSize = d.readUInt16LE(128);
      if (![512, 1024, 2048].includes(blockSize)) throw new IsoError(`unsupported logical block size ${blockSize}`);
      primary = { label: d.toString('latin1', 40, 72).trimEnd(), blockSize, root: d.subarray(156, 190) };
    } else if (d[0] === 2 && primary && /^%\/[@CE]/.test(d.toString('latin1', 88, 91))) {
      primary.joliet = d.subarray(156, 190);
    }
  }
  if (!primary) throw new IsoError('no primary volume descriptor');
  return primary;
}

async function readExtent(read: ReadAt, record: Buffer, blockSize: number): Promise<Buffer> {
  const size = record.readUInt32LE(10);
  if (size > MAX_DIRECTORY) throw new IsoError(`directory of ${size} bytes is too large`);
  const data = await read(record.readUInt32LE(2) * blockSize, size);
  if (data.length !== size) throw new IsoError('directory is truncated');
  return data;
}

type NameReader = (systemUse: Buffer) => Promise<string | undefined>;

/** Walks directory records; records never cross a sector, a zero length byte pads to the next one. */
async function parseDirectory(
  dir: Buffer,
  blockSize: number,
  rockRidge?: NameReader,
  decode: (raw: Buffer) => string = decodeIso,
): Promise<IsoEntry[]> {
  const entries: IsoEntry[] = [];
  for (const rec of records(dir, blockSize)) {
    const nameLength = rec[32];
    const raw = rec.subarray(33, 33 + nameLength);
    if (nameLength === 1 && raw[0] <= 1) continue; // "." and ".."
    const rr = rockRidge ? await rockRidge(rec.subarray(33 + nameLength + ((nameLength + 1) % 2))) : undefined;
    entries.push({
      name: rr ?? decode(raw),
      exact: rr !== undefined || decode !== decodeIso,
      extent: rec.readUInt32LE(2),
      size: rec.readUInt32LE(10),
      directory: (rec[25] & 2) !== 0,
    });
  }
  return entries;
}

function* records(dir: Buffer, blockSize: number): Generator<Buffer> {
  let pos = 0;
  while (pos < dir.length) {
    const length = dir[pos];
    if (length === 0) {
      pos = (Math.floor(pos / blockSize) + 1) * blockSize;
      continue;
    }
    if (length < 34 || pos + length > dir.length || 33 + dir[pos + 32] > length) throw new IsoError(`bad directory record at byte ${pos}`);
    yield dir.subarray(pos, pos + length);
    pos += length;
  }
}

function firstSystemUse(dir: Buffer, blockSize: number): Buffer {
  for (const rec of records(dir, blockSize)) return rec.subarray(34);
  return Buffer.alloc(0);
}

function decodeIso(raw: Buffer): string {
  return raw.toString('latin1').replace(/;\d*$/, '').replace(/\.$/, '').toLowerCase();
}

function decodeJoliet(raw: Buffer): string {
  const even = Buffer.from(raw.subarray(0, raw.length - (raw.length % 2)));
  return even.swap16().toString('utf16le').replace(/;\d*$/, '');
}
