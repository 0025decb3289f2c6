// Periodic cycles, herd-proof: each VM ticks at its own phase within the interval, never aligned to the
// wall clock, plus a little random jitter. A numeric VMID places the phase by Fibonacci hashing,
// frac(VMID x 0.618...), which spreads consecutive IDs (a fleet's common case) at almost equal gaps; a
// hashed phase is uniform but random, so the busiest second of 1000 agents holds ~1.7x the mean (measured
// in docs/pull.md). Other keys (a host name before the context is known) are hashed.
// A nominal `next` advances by exactly one interval per tick so jitter never accumulates, and a setTimeout
// chain (not setInterval) recomputes each wait, so a suspended VM resumes on its grid without bunching.
import { createHash } from 'node:crypto';
import { type Logger, silentLogger } from '../log';
import { type Clock, systemClock } from './clock';

/** Options of {@link createTicker}. */
export interface TickerOptions {
  /** Milliseconds between ticks. */
  intervalMs: number;
  /** What the phase is derived from, normally the VMID. */
  phaseKey: string;
  /** Added to the phase, as a fraction of the interval (the pull runs half an interval after the push). */
  phaseOffset?: number;
  /** Random jitter per tick as a fraction of the interval, plus or minus (0.1 = +-10 %). */
  jitter: number;
  /** The cycle, given the tick's nominal time; a tick that comes while the previous cycle still runs is skipped. Must not reject. */
  onTick: (at: number) => Promise<void>;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Uniform random numbers in [0, 1); default Math.random. */
  rand?: () => number;
  /** Where skipped ticks are reported (debug). */
  log?: Logger;
}

/** A running schedule. */
export interface Ticker {
  /** Arms the first tick at the next phase-aligned time (now, if now is on the grid). */
  start(): void;
  /** Cancels the pending tick; a running cycle is not interrupted. */
  stop(): void;
  /** Nominal time of the next tick (ms since the epoch), without jitter; undefined when stopped. */
  readonly next: number | undefined;
  /** True while a cycle runs. */
  readonly running: boolean;
  /** Resolves when the running cycle, if any, has finished. */
  idle(): Promise<void>;
  /** True when the tick at nominal time `at` is this key's one tick in every `period` (see {@link slotOf}). */
  onSlot(at: number, period: number): boolean;
}

const GOLDEN = 0.6180339887498949;

/** The key's unreduced position: VMID x 0.618... for a numeric key, else from its sha256 (integer part too). */
function positionOf(key: string): number {
  // Up to 9 digits the product keeps ~7 exact decimals of its fraction: ample for a millisecond phase.
  if (/^\d{1,9}$/.test(key)) return Number(key) * GOLDEN;
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt16BE(6) + digest.readUIntBE(0, 6) / 2 ** 48;
}

const frac = (x: number): number => ((x % 1) + 1) % 1;

/**
 * This key's offset within the interval, in [0, intervalMs): the same key always gets the same phase.
 * `offset` (a fraction of the interval) shifts it, so two schedules of one VM do not coincide.
 */
export function phaseOf(key: string, intervalMs: number, offset = 0): number {
  return Math.floor(frac(positionOf(key) + offset) * intervalMs) % intervalMs;
}

/**
 * Which tick, of every `period` ticks of the epoch's grid, is this key's (0..period-1): for what a VM does
 * once in `period` cycles (the heartbeat, a backed-off pull). Counting from the daemon's start instead
 * would put every VM of a fleet booted together into the same interval. Tick m of the key's grid is at
 * phase + m x interval; the slot floor(period x frac((position + offset) / period)) puts the event at the
 * fraction frac((position + offset) / period) of `period` intervals, so a fleet's events spread over all of
 * them as its phases do over one (consecutive VMIDs: a Kronecker sequence of step 0.618... / period).
 */
export function slotOf(key: string, period: number, offset = 0): number {
  const p = Math.max(1, Math.floor(period));
  return Math.min(p - 1, Math.floor(p * frac((positionOf(key) + offset) / p)));
}

/** True when the grid tick at nominal time `at` (phase + m x interval) is the key's slot of `period`. */
export function isSlot(key: string, at: number, intervalMs: number, period: number, offset = 0): boolean {
  const p = Math.max(1, Math.floor(period));
  if (p === 1) return true;
  const m = Math.round((at - phaseOf(key, intervalMs, offset)) / intervalMs);
  return ((m % p) + p) % p === slotOf(key, p, offset);
}

/**
 * One tick's random shift in ms, uniform in [-jitter, +jitter) x the interval, from one draw of `rand`.
 * Pure given `rand`: the herd test computes a fleet's busiest second from it and phaseOf.
 */
export function jitterOf(rand: () => number, jitter: number, intervalMs: number): number {
  return (rand() * 2 - 1) * jitter * intervalMs;
}

/** The first time >= `now` that lies on the grid phase + k * interval. */
export function alignToPhase(now: number, phase: number, intervalMs: number): number {
  return now + ((((phase - now) % intervalMs) + intervalMs) % intervalMs);
}

export function createTicker(options: TickerOptions): Ticker {
  const clock = options.clock ?? systemClock;
  const rand = options.rand ?? Math.random;
  const log = options.log ?? silentLogger;
  const interval = options.intervalMs;
  const phase = phaseOf(options.phaseKey, interval, options.phaseOffset);
  let next: number | undefined;
  let timer: unknown;
  let cycle: Promise<void> | undefined;

  const arm = (): void => {
    const now = clock.now();
    timer = clock.setTimeout(fire, Math.max(0, Math.round((next as number) - now + jitterOf(rand, options.jitter, interval))));
  };

  const fire = (): void => {
    const at = next as number;
    // After a suspend, jump to the first grid point in the future instead of firing once per missed tick.
    next = at + interval;
    if (next <= clock.now()) next = alignToPhase(clock.now() + 1, phase, interval);
    arm();
    if (cycle) {
      log.debug('previous cycle still running: tick skipped');
      return;
    }
    cycle = options.onTick(at).finally(() => {
      cycle = undefined;
    });
  };

  return {
    start() {
      if (next !== undefined) return;
      next = alignToPhase(clock.now(), phase, interval);
      arm();
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      next = undefined;
    },
    get next() {
      return next;
    },
    get running() {
      return cycle !== undefined;
    },
    async idle() {
      await cycle;
    },
    onSlot: (at, period) => isSlot(options.phaseKey, at, interval, period, options.phaseOffset),
  };
}
