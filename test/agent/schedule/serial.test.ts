import { describe, expect, it } from 'vitest';
import { createSerialLock } from '../../../agent/schedule/serial';

describe('createSerialLock', () => {
  it('never runs two calls at once and keeps order, also after a rejection', async () => {
    const lock = createSerialLock();
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const job = (name: string, ms: number, fail = false) =>
      lock.run(async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, ms));
        order.push(name);
        active--;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a', 20), job('b', 5, true), job('c', 1)]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(maxActive).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(lock.busy).toBe(false);
  });
});
