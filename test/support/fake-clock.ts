// A clock for unit tests: time moves only when the test says, timers fire in time order, and every promise
// a fired timer starts gets to settle before the next one fires, so a test can assert exact tick times.
import type { Clock } from '../../agent/schedule/clock';

/** The fake clock. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer due on the way (at its own time), then lets work settle. */
  advance(ms: number): Promise<void>;
  /** Epoch ms of the timers still armed, earliest first. */
  readonly timers: number[];
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

// Enough turns of the event loop for a chain of awaits (a cycle, its lock, its persist) to run to its end.
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { id: nextId++, at: now + Math.max(0, ms), fn };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    async advance(ms) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await settle();
      }
      now = until;
    },
    get timers() {
      return timers.map((t) => t.at).sort((a, b) => a - b);
    },
  };
}
