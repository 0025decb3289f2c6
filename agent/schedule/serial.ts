// At most one OneGate request in flight per agent: push, pull and ready all go through one lock,
// so an agent never adds more than one concurrent request to the central server's load.

/** A one-slot queue. */
export interface SerialLock {
  /** Runs `fn` after every earlier call has settled; resolves or rejects as `fn` does. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** True while a call runs or waits. */
  readonly busy: boolean;
}

export function createSerialLock(): SerialLock {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      pending++;
      const result = tail.then(fn).finally(() => {
        pending--;
      });
      tail = result.catch(() => undefined);
      return result;
    },
    get busy() {
      return pending > 0;
    },
  };
}
