// A simulator, harness or other closable thing that a test file starts before its tests and closes after them,
// without the beforeEach/afterEach pair and the `let` every such file would repeat. Called in a describe block
// (a describe.each over SERVER_VERSIONS included), the hooks belong to that block.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** What the helpers close. */
export interface Closable {
  close(): Promise<void> | void;
}

/** Started before each test of the enclosing block and closed after it; the returned object is the running test's. */
export function perTest<T extends Closable>(start: () => Promise<T>): T {
  const box = current<T>();
  beforeEach(async () => {
    box.value = await start();
  });
  afterEach(async () => {
    await box.take()?.close();
  });
  return box.view;
}

/** Started once before the tests of the enclosing block and closed after the last of them. */
export function perSuite<T extends Closable>(start: () => Promise<T>): T {
  const box = current<T>();
  beforeAll(async () => {
    box.value = await start();
  });
  afterAll(async () => {
    await box.take()?.close();
  });
  return box.view;
}

/** A slot and a stand-in that forwards every property read to what is in the slot (methods bound to it). */
function current<T extends object>(): { value: T | undefined; take(): T | undefined; view: T } {
  const box = {
    value: undefined as T | undefined,
    take() {
      const v = box.value;
      box.value = undefined;
      return v;
    },
    view: new Proxy({} as T, {
      get(_target, key) {
        if (!box.value) throw new Error(`read .${String(key)} outside the tests it was started for`);
        const v = Reflect.get(box.value, key);
        return typeof v === 'function' ? v.bind(box.value) : v;
      },
    }),
  };
  return box;
}
