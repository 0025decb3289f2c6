// The adaptive pull's gap: doubles after each quiet pull up to its ceiling, back to one tick on a change
// or a wake-up.
import { describe, expect, it } from 'vitest';
import { createPullBackoff, maxGapTicks } from '../../../agent/pull/backoff';

// Which of `ticks` ticks pull, with quiet(i) telling whether the pull at tick i found nothing (by default
// every pull but the first, which fires its hooks as a first run does).
function pullingTicks(ticks: number, maxTicks: number, quiet: (tick: number) => boolean = (tick) => tick > 0): number[] {
  const backoff = createPullBackoff(maxTicks);
  const pulled: number[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    if (!backoff.due()) continue;
    pulled.push(tick);
    backoff.pulled(quiet(tick));
  }
  return pulled;
}

describe('pull backoff', () => {
  it('doubles the gap after each quiet pull up to the ceiling', () => {
    expect(pullingTicks(30, 5)).toEqual([0, 1, 3, 7, 12, 17, 22, 27]);
  });

  it('pulls every tick with a ceiling of one', () => {
    expect(pullingTicks(5, 1)).toEqual([0, 1, 2, 3, 4]);
  });

  it('returns to every tick after a pull that was not quiet', () => {
    expect(pullingTicks(20, 8, (tick) => tick > 0 && tick !== 7)).toEqual([0, 1, 3, 7, 8, 10, 14]);
  });

  it('pulls at the next tick after a wake-up and starts the gap again', () => {
    const backoff = createPullBackoff(4);
    backoff.pulled(true);
    backoff.pulled(true);
    expect(backoff.gap).toBe(4);
    expect(backoff.due()).toBe(false);
    backoff.wake();
    expect(backoff.gap).toBe(1);
    expect(backoff.due()).toBe(true);
  });

  it("with the VM's slots, a backed-off pull comes at the tick that is its slot of the gap, 1 to gap ticks later", () => {
    const backoff = createPullBackoff(5);
    const slot = (gap: number) => 3 % gap; // this VM's slot of each gap on the grid, as slotOf would give
    const pulled: number[] = [];
    for (let tick = 0; tick < 30; tick++) {
      if (!backoff.due((gap) => tick % gap === slot(gap))) continue;
      pulled.push(tick);
      backoff.pulled(tick > 0);
    }
    expect(pulled).toEqual([0, 1, 3, 7, 8, 13, 18, 23, 28]);
    backoff.wake();
    expect(backoff.due(() => false)).toBe(true); // a wake-up (gap 1) pulls whatever the slot
  });

  it('fits the longest gap in whole ticks of the interval', () => {
    expect(maxGapTicks(300, 60)).toBe(5);
    expect(maxGapTicks(299, 60)).toBe(4);
    expect(maxGapTicks(30, 60)).toBe(1);
    expect(maxGapTicks(0, 60)).toBe(1);
  });
});
