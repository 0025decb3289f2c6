// Scripted failures for tests: match a request by route, method and caller, then delay it, answer
// with a status, reset the connection, never answer, or apply the 7.x form-body bug.

/** A fault to inject. */
export interface Fault {
  /** Route pattern ("/vms/:id"), route name ("GET /vms/:id") or concrete path ("/vms/42"); any when absent. */ route?: string;
  /** HTTP method; any when absent. */ method?: string;
  /** X-ONEGATE-VMID of the caller; any when absent. */ vmid?: string;
  /** What happens. */ kind: 'latency' | 'status' | 'reset' | 'hang' | 'form-body-bug';
  /** Delay for latency (default 1000). */ ms?: number;
  /** Status for kind status (default 500). */ status?: number;
  /** Body for kind status (default "Internal server error"). */ body?: string;
  /** How many matching requests it applies to; unlimited when absent. */ times?: number;
}

const KINDS = new Set(['latency', 'status', 'reset', 'hang', 'form-body-bug']);

/** Checks a fault from a test or the control API; throws a one-line error naming the bad field. */
export function validateFault(f: unknown): Fault {
  if (typeof f !== 'object' || f === null) throw new Error('fault: must be a JSON object');
  const x = f as Record<string, unknown>;
  if (!KINDS.has(String(x.kind))) throw new Error(`fault: kind "${String(x.kind)}" is not one of ${[...KINDS].join(', ')}`);
  for (const k of ['ms', 'status', 'times'] as const) {
    if (x[k] !== undefined && (!Number.isInteger(x[k]) || (x[k] as number) < 0))
      throw new Error(`fault: ${k} "${String(x[k])}" is not a non-negative integer`);
  }
  if (x.status !== undefined && ((x.status as number) < 100 || (x.status as number) > 599))
    throw new Error(`fault: status ${String(x.status)} is not an HTTP status`);
  for (const k of ['route', 'method', 'vmid', 'body'] as const)
    if (x[k] !== undefined && typeof x[k] !== 'string') throw new Error(`fault: ${k} must be a string`);
  return { ...(x as unknown as Fault), vmid: x.vmid === undefined ? undefined : String(x.vmid) };
}

/** The request facts a fault is matched against. */
export interface FaultTarget {
  method: string;
  path: string;
  routeName?: string;
  vmid?: string;
}

/** Takes the faults that apply to a request (consuming one use of each limited fault). */
export function takeFaults(faults: Fault[], t: FaultTarget): Fault[] {
  const hits = faults.filter((f) => matches(f, t));
  for (const f of hits) if (f.times !== undefined) f.times--;
  for (let i = faults.length - 1; i >= 0; i--) if (faults[i].times === 0) faults.splice(i, 1);
  return hits;
}

function matches(f: Fault, t: FaultTarget): boolean {
  if (f.times === 0) return false;
  if (f.method && f.method.toUpperCase() !== t.method) return false;
  if (f.vmid !== undefined && f.vmid !== t.vmid) return false;
  if (!f.route) return true;
  const pattern = t.routeName?.replace(/^\w+ /, '');
  return f.route === t.path || f.route === pattern || f.route === t.routeName;
}
