// What the scheduled units share: a ticker kept across refreshes while its plan stays, and objects built on
// the current OneGate client. Helpers, not a unit.
import { hostname } from 'node:os';
import type { AgentConfig } from '../../config/schema';
import { createTicker, type Ticker } from '../../schedule/ticker';
import type { DaemonApi, UnitContext } from '../unit';

/** A ticker at the VM's phase. */
export interface PhasedTicker {
  /** Replaces the ticker when the interval, jitter or phase key changed (a refresh); else keeps it. */
  sync(): void;
  stop(): void;
  idle(): Promise<void>;
  /** Nominal time of the next tick. */
  readonly next: number | undefined;
  /** True when the tick at nominal time `at` is this VM's one in every `period` (schedule/ticker.ts slotOf). */
  onSlot(at: number, period: number): boolean;
}

/** Options of {@link phasedTicker}. */
export interface PhasedTickerOptions {
  /** Milliseconds between ticks under this configuration. */
  intervalMs(config: AgentConfig): number;
  /** Fraction of the interval added to the phase (the pull runs half an interval after the push). */
  phaseOffset?: number;
  /** The cycle, given the tick's nominal time. */
  onTick(at: number): Promise<void>;
}

export function phasedTicker(ctx: UnitContext, options: PhasedTickerOptions): PhasedTicker {
  let ticker: Ticker | undefined;
  let plan = '';
  return {
    sync() {
      // Without a VMID yet the host name keys the phase, so agents waiting for their context still spread out.
      const key = ctx.context?.vmid ?? hostname();
      const intervalMs = options.intervalMs(ctx.config);
      const next = `${intervalMs}/${ctx.config.jitter}/${key}`;
      if (next === plan) return;
      ticker?.stop();
      ticker = createTicker({
        intervalMs,
        phaseKey: key,
        phaseOffset: options.phaseOffset,
        jitter: ctx.config.jitter,
        onTick: options.onTick,
        clock: ctx.clock,
        log: ctx.log,
      });
      ticker.start();
      plan = next;
    },
    stop: () => ticker?.stop(),
    idle: async () => ticker?.idle(),
    get next() {
      return ticker?.next;
    },
    onSlot: (at, period) => ticker?.onSlot(at, period) ?? true,
  };
}

/**
 * What a unit builds on the current client: built again when the wiring opened a new client (another
 * configuration), undefined while there are no credentials. `current()` builds it when due.
 */
export function onClient<T>(ctx: UnitContext, build: (api: DaemonApi) => T, dispose?: (old: T) => void): { current(): T | undefined } {
  let value: T | undefined;
  let generation = -1;
  return {
    current() {
      if (ctx.api && generation === ctx.generation && value !== undefined) return value;
      if (value !== undefined) dispose?.(value);
      value = ctx.api ? build(ctx.api) : undefined;
      generation = ctx.generation;
      return value;
    },
  };
}
