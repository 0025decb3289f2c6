// What the simulator remembers about requests: the full list (for assertions) and counters per VM.

/** One received request and the status it got. */
export interface RecordedRequest {
  method: string;
  /** Path without the query. */ path: string;
  /** Query parameters (last value wins). */ query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Body as UTF-8 text. */ body: string;
  /** Status sent; 0 when the connection was reset or never answered. */ status: number;
  /** X-ONEGATE-VMID as sent. */ vmid?: string;
  /** Matched route name, e.g. "GET /vms/:id". */ route?: string;
  /** Milliseconds since the epoch when it arrived. */ at: number;
}

/** Counters for one caller VM. */
export interface VmCounters {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Request log plus per-VM counters; the log is bounded so a long-running simulator keeps flat memory. */
export class Recorder {
  /** Received requests, oldest first. */
  requests: RecordedRequest[] = [];
  /** Counters keyed by X-ONEGATE-VMID ("none" without the header). */
  counters = new Map<string, VmCounters>();
  /** Most requests kept in `requests`. */
  limit: number;
  constructor(limit = 10_000) {
    this.limit = limit;
  }

  /** Adds a finished request. */
  add(r: RecordedRequest): void {
    this.requests.push(r);
    if (this.requests.length > this.limit) this.requests.splice(0, this.requests.length - this.limit);
    const key = r.vmid ?? 'none';
    const c = this.counters.get(key) ?? { requests: 0, byRoute: {}, byStatus: {} };
    c.requests++;
    const route = r.route ?? 'catch-all';
    c.byRoute[route] = (c.byRoute[route] ?? 0) + 1;
    c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + 1;
    this.counters.set(key, c);
  }

  /** Forgets everything. */
  clear(): void {
    this.requests.length = 0;
    this.counters.clear();
  }
}
