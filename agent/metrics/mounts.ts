// Mount table parsing and the choice of mounts the filesystem collector measures (docs/metrics.md).

/** One mounted filesystem. */
export interface MountEntry {
  /** "major:minor" from mountinfo, or the source device from /proc/mounts; bind mounts share it. */
  device: string;
  /** Where it is mounted, with \040-style escapes decoded. */
  mountPoint: string;
  /** Filesystem type, e.g. "ext4", "nfs4". */
  fsType: string;
  /** Directory of the filesystem shown here: "/" for a plain mount, a subdirectory for a bind mount. */
  root: string;
}

/** Disk filesystems that live on the VM's own block devices; network, FUSE and pseudo filesystems are not here. */
export const LOCAL_FS_TYPES = [
  'bcachefs',
  'btrfs',
  'exfat',
  'ext2',
  'ext3',
  'ext4',
  'f2fs',
  'hfsplus',
  'jfs',
  'nilfs2',
  'ntfs',
  'ntfs3',
  'reiserfs',
  'ufs',
  'vfat',
  'xfs',
  'zfs',
];

/** Parses /proc/PID/mountinfo; malformed lines are ignored. */
export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 2) continue;
    out.push({ device: fields[2], root: unescapeMount(fields[3]), mountPoint: unescapeMount(fields[4]), fsType: fields[dash + 1] });
  }
  return out;
}

/** Parses /proc/mounts, the fallback for kernels before 2.6.26 without mountinfo. */
export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3 || !fields[1].startsWith('/')) continue;
    out.push({ device: unescapeMount(fields[0]), root: '/', mountPoint: unescapeMount(fields[1]), fsType: fields[2] });
  }
  return out;
}

/** Which mounts to measure. */
export interface MountSelection {
  /** Explicit mount points: measured whatever their type, in this order. */
  mounts?: string[];
  /** Types measured when `mounts` is not set; default LOCAL_FS_TYPES. */
  fsTypes?: string[];
  /** Mount points skipped, with everything below them, when `mounts` is not set. */
  excludeMounts?: string[];
}

/** The mount points to statfs: the visible (last) mount per path; automatic picks keep one path per device. */
export function selectMounts(entries: MountEntry[], sel: MountSelection): string[] {
  const visible = new Map<string, MountEntry>();
  for (const e of entries) visible.set(e.mountPoint, e);
  if (sel.mounts) return sel.mounts.filter((m) => visible.has(m));
  const types = new Set(sel.fsTypes ?? LOCAL_FS_TYPES);
  const excluded = (p: string) => (sel.excludeMounts ?? []).some((x) => p === x || p.startsWith(x.endsWith('/') ? x : `${x}/`));
  const byDevice = new Map<string, string>();
  const candidates = [...visible.values()].filter((e) => types.has(e.fsType) && !excluded(e.mountPoint));
  // The filesystem's own mount (root "/") before bind mounts of its subdirectories, then the shortest path.
  const rank = (e: MountEntry) => (e.root === '/' ? 0 : 1);
  candidates.sort((a, b) => rank(a) - rank(b) || a.mountPoint.length - b.mountPoint.length || a.mountPoint.localeCompare(b.mountPoint));
  for (const e of candidates) if (!byDevice.has(e.device)) byDevice.set(e.device, e.mountPoint);
  return [...byDevice.values()].sort();
}

/** Attribute suffix per mount point: "/" -> ROOT, "/var/lib" -> VAR_LIB; clashes get _2, _3 in path order. */
export function mountNames(mountPoints: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const path of [...mountPoints].sort()) {
    const base =
      path === '/'
        ? 'ROOT'
        : path
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, '_')
            .replace(/^_+|_+$/g, '') || 'MOUNT';
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    names.set(path, candidate);
  }
  return names;
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
