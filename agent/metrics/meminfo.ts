// Parsers shared by the memory and swap collectors: /proc/meminfo and, for kernels older than 3.14 without
// MemAvailable, /proc/zoneinfo to estimate it the way the kernel's si_mem_available() does (gopsutil does the same).

/** Field -> value in kB as the kernel prints it (HugePages_* counts are unitless). */
export type Meminfo = Record<string, number>;

/** Parses "Name:   123 kB" lines; lines that do not match are ignored. */
export function parseMeminfo(text: string): Meminfo {
  const out: Meminfo = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** Zone totals in pages: the "low" watermarks and the pages the zones manage (present on kernels before 3.8). */
export interface ZoneTotals {
  /** Sum of every zone's low watermark. */
  lowPages: number;
  /** Sum of managed pages, or of present pages when no zone lists managed. */
  pages: number;
}

/** Sums the zone watermarks; undefined when the text has no zones. */
export function parseZoneinfo(text: string): ZoneTotals | undefined {
  let low = 0;
  let managed = 0;
  let present = 0;
  let zones = 0;
  for (const line of text.split('\n')) {
    const m = /^\s*(low|managed|present)\s+(\d+)\s*$/.exec(line);
    if (!m) continue;
    const v = Number(m[2]);
    if (m[1] === 'low') {
      low += v;
      zones++;
    } else if (m[1] === 'managed') managed += v;
    else present += v;
  }
  if (zones === 0) return undefined;
  return { lowPages: low, pages: managed || present };
}

/**
 * Available memory in kB: MemAvailable when the kernel has it; else the kernel's own estimate from the zone
 * watermarks; else MemFree + Buffers + Cached (what `free` called "-/+ buffers/cache"). Undefined without MemFree.
 */
export function availableKb(mem: Meminfo, zones?: ZoneTotals): number | undefined {
  if (mem.MemAvailable !== undefined) return mem.MemAvailable;
  if (mem.MemFree === undefined) return undefined;
  const active = mem['Active(file)'];
  const inactive = mem['Inactive(file)'];
  if (zones && mem.MemTotal && active !== undefined && inactive !== undefined && mem.SReclaimable !== undefined) {
    const lowKb = (zones.lowPages * pageSize(mem.MemTotal, zones.pages)) / 1024;
    const cache = active + inactive;
    const slab = mem.SReclaimable;
    const estimate = mem.MemFree - lowKb + cache - Math.min(cache / 2, lowKb) + slab - Math.min(slab / 2, lowKb);
    return Math.max(0, estimate);
  }
  return mem.MemFree + (mem.Buffers ?? 0) + (mem.Cached ?? 0);
}

// Node cannot call sysconf(_SC_PAGESIZE); MemTotal is the zones' managed pages times the page size, so the
// nearest power of two of the ratio recovers it (present pages are a few % above managed ones on old kernels).
function pageSize(memTotalKb: number, pages: number): number {
  if (pages <= 0) return 4096;
  const size = 2 ** Math.round(Math.log2((memTotalKb * 1024) / pages));
  return size >= 4096 && size <= 65536 ? size : 4096;
}
