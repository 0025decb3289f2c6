import { describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../../agent/log';
import { OneGateError } from '../../../agent/onegate/errors';
import {
  createPusher,
  DEFAULT_LIST_REASON,
  MAX_ERASURES_PER_FLUSH,
  MAX_REFUSALS_PER_FLUSH,
  type PushOptions,
  SERVER_REFUSED_REASON,
} from '../../../agent/push/pusher';
import { emptyState } from '../../../agent/state/types';

const options: PushOptions = {
  heartbeatCycles: 0,
  threshold: 0,
  backoff: { baseMs: 1000, factor: 2, maxMs: 60_000 },
  logEveryMs: 60_000,
  maxPending: 1000,
};

function setup(overrides: Partial<PushOptions> = {}, log: Logger = silentLogger) {
  const calls: Record<string, string>[] = [];
  const erased: string[] = [];
  const failures: (Error | undefined)[] = [];
  let clock = 1_000_000;
  // Updates and erasures take the next scripted failure alike, in the order they are made.
  const client = {
    async updateVm(attrs: Record<string, string>) {
      calls.push({ ...attrs });
      const f = failures.shift();
      if (f) throw f;
    },
    async eraseVmAttribute(key: string) {
      erased.push(key);
      const f = failures.shift();
      if (f) throw f;
    },
  };
  const state = emptyState().push;
  const pusher = createPusher({ client, options: { ...options, ...overrides }, state, log, now: () => clock, rand: () => 0.5 });
  return {
    calls,
    erased,
    failures,
    state,
    pusher,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const serverError = () => new OneGateError('ONEGATE_SERVER_ERROR', 'PUT /vm: 500 Internal Server Error', { status: 500 });

describe('createPusher', () => {
  it('sends everything first, then only what changed, and nothing when nothing did', async () => {
    const { calls, pusher } = setup();
    expect((await pusher.cycle({ A: '1', B: '2' })).outcome).toBe('sent');
    expect((await pusher.cycle({ A: '1', B: '3' })).outcome).toBe('sent');
    expect((await pusher.cycle({ A: '1', B: '3' })).outcome).toBe('unchanged');
    expect(calls).toEqual([{ A: '1', B: '2' }, { B: '3' }]);
  });

  it('treats a change below the threshold as unchanged', async () => {
    const { calls, pusher } = setup({ threshold: 1 });
    await pusher.cycle({ CPU: '10.00' });
    await pusher.cycle({ CPU: '10.50' });
    await pusher.cycle({ CPU: '11.20' });
    expect(calls).toEqual([{ CPU: '10.00' }, { CPU: '11.20' }]);
  });

  it('sends all attributes on every heartbeat cycle', async () => {
    const { calls, pusher } = setup({ heartbeatCycles: 3 });
    for (let i = 0; i < 6; i++) await pusher.cycle({ A: '1', B: '2' });
    expect(calls).toEqual([
      { A: '1', B: '2' },
      { A: '1', B: '2' },
      { A: '1', B: '2' },
    ]);
  });

  it('waits as long as a Retry-After asks, up to the backoff cap', async () => {
    const { failures, pusher, state } = setup();
    const busy = (retryAfterMs: number) => new OneGateError('ONEGATE_SERVER_ERROR', 'PUT /vm: 503', { status: 503, retryAfterMs });
    failures.push(busy(30_000));
    await pusher.cycle({ A: '1' });
    expect(state.retryAt).toBe(1_000_000 + 30_000);
    expect(JSON.stringify(state)).not.toContain('retryAfterMs');
    const capped = setup();
    capped.failures.push(busy(3_600_000));
    await capped.pusher.cycle({ A: '1' });
    expect(capped.state.retryAt).toBe(1_000_000 + 60_000);
  });

  it('keeps failed attributes pending, merges newer values and sends them after the backoff', async () => {
    const { calls, failures, pusher, state, advance } = setup();
    failures.push(serverError());
    const failed = await pusher.cycle({ A: '1', B: '2' });
    expect(failed).toMatchObject({ outcome: 'failed', pending: 2, error: { code: 'ONEGATE_SERVER_ERROR' } });
    // Full jitter with rand 0.5: half of the 1 s base.
    expect(state.retryAt).toBe(1_000_000 + 500);
    advance(100);
    expect((await pusher.cycle({ A: '5', B: '2', C: '3' })).outcome).toBe('deferred');
    expect(state.pending).toEqual({ A: '5', B: '2', C: '3' });
    advance(400);
    expect((await pusher.flush()).outcome).toBe('sent');
    expect(calls).toEqual([
      { A: '1', B: '2' },
      { A: '5', B: '2', C: '3' },
    ]);
    expect(state.pending).toEqual({});
    expect(state.lastError).toBeUndefined();
  });

  it('backs off exponentially while failures repeat, logging an identical failure once', async () => {
    const lines: string[] = [];
    const log = { ...silentLogger, warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m) };
    const { failures, pusher, state, advance } = setup({}, log);
    const delays: number[] = [];
    let now = 1_000_000;
    for (let i = 0; i < 4; i++) {
      failures.push(serverError());
      await pusher.cycle({ A: String(i) });
      delays.push((state.retryAt as number) - now);
      const wait = (state.retryAt as number) - now;
      advance(wait);
      now += wait;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(lines.filter((l) => l.startsWith('push: failed'))).toHaveLength(1);
    expect(state.lastError?.count).toBe(4);
    await pusher.flush();
    expect(lines.at(-1)).toBe('push: recovered after 4 failed attempt(s) (ONEGATE_SERVER_ERROR)');
  });

  it('turns itself off on a 403 until reset', async () => {
    const { calls, failures, pusher, state } = setup();
    failures.push(new OneGateError('ONEGATE_FORBIDDEN', 'PUT /vm: 403 Forbidden', { status: 403 }));
    expect((await pusher.cycle({ A: '1' })).outcome).toBe('failed');
    expect(state.disabled).toMatch(/refused/);
    expect((await pusher.cycle({ A: '2' })).outcome).toBe('off');
    pusher.reset();
    expect((await pusher.flush()).outcome).toBe('sent');
    expect(calls).toEqual([{ A: '1' }, { A: '2' }]);
  });

  describe('an attribute the server refuses by name', () => {
    const restricted = (name: string) =>
      new OneGateError('ONEGATE_FORBIDDEN', 'PUT /vm failed with HTTP 403', {
        status: 403,
        body: `Attribute (${name}) cannot be modified`,
      });

    it('is left out and named once at warning level; the rest is sent at once; reset tries it again', async () => {
      const lines: string[] = [];
      const { calls, failures, pusher, state } = setup({ heartbeatCycles: 1 }, { ...silentLogger, warn: (m) => lines.push(m) });
      failures.push(restricted('APP_LOCKED'));
      expect(await pusher.cycle({ APP_LOCKED: '1', QUEUE: '3' })).toMatchObject({ outcome: 'sent', attributes: { QUEUE: '3' } });
      await pusher.cycle({ APP_LOCKED: '1', QUEUE: '3' }); // a heartbeat: everything again, less the refused
      expect(calls).toEqual([{ APP_LOCKED: '1', QUEUE: '3' }, { QUEUE: '3' }, { QUEUE: '3' }]);
      expect(state).toMatchObject({ refused: { APP_LOCKED: SERVER_REFUSED_REASON }, pending: {}, sent: { QUEUE: '3' } });
      expect(state.disabled).toBeUndefined();
      expect(state.lastError).toBeUndefined();
      expect(lines).toEqual([
        `push: attribute APP_LOCKED is not sent: ${SERVER_REFUSED_REASON}; the others are (a configuration change or SIGHUP tries it again)`,
      ]);
      pusher.reset();
      expect(state.refused).toBeUndefined();
      await pusher.cycle({ APP_LOCKED: '1', QUEUE: '3' });
      expect(calls.at(-1)).toEqual({ APP_LOCKED: '1', QUEUE: '3' });
    });

    it('takes one refusal after the other, a bounded number of times per flush', async () => {
      const { calls, failures, pusher, state } = setup();
      const names = Array.from({ length: MAX_REFUSALS_PER_FLUSH + 2 }, (_, i) => `LOCKED_${i}`);
      failures.push(...names.map(restricted));
      const report = await pusher.cycle(Object.fromEntries([...names, 'QUEUE'].map((n) => [n, '1'])));
      expect(report.outcome).toBe('deferred');
      expect(calls).toHaveLength(MAX_REFUSALS_PER_FLUSH + 1);
      expect(Object.keys(state.refused ?? {})).toHaveLength(MAX_REFUSALS_PER_FLUSH + 1);
      expect((await pusher.flush()).outcome).toBe('sent');
      expect(calls.at(-1)).toEqual({ QUEUE: '1' });
      expect(Object.keys(state.refused ?? {}).sort()).toEqual([...names].sort());
    });

    it.each([
      ['names no attribute', 'Forbidden'],
      ['names one the batch did not carry', 'Attribute (OTHER) cannot be modified'],
      ['names something that is no attribute name', 'Attribute (A B) cannot be modified'],
      ['names it on a later line only', 'Not allowed\nAttribute (A) cannot be modified'],
    ])('a 403 that %s turns the push off', async (_case, body) => {
      const { failures, pusher, state } = setup();
      failures.push(new OneGateError('ONEGATE_FORBIDDEN', 'PUT /vm failed with HTTP 403', { status: 403, body }));
      expect((await pusher.cycle({ A: '1' })).outcome).toBe('failed');
      expect(state.disabled).toMatch(/refused/);
      expect(state.refused).toBeUndefined();
    });
  });

  it("names an attribute on OneGate's default list once, as it names the server's refusals", async () => {
    const lines: string[] = [];
    const { calls, pusher, state } = setup({}, { ...silentLogger, warn: (m) => lines.push(m) });
    await pusher.cycle({ QUEUE: '1' }, ['SERVICE_ID']);
    await pusher.cycle({ QUEUE: '2' }, ['SERVICE_ID']);
    expect(calls).toEqual([{ QUEUE: '1' }, { QUEUE: '2' }]);
    expect(state.refused).toEqual({ SERVICE_ID: DEFAULT_LIST_REASON });
    expect(lines).toEqual([
      expect.stringMatching(/^push: attribute SERVICE_ID is not sent: it is on OneGate's default :restricted_attrs list;/),
    ]);
  });

  it('drops what the server rejects as a bad request', async () => {
    const { failures, pusher, state } = setup();
    failures.push(new OneGateError('ONEGATE_BAD_REQUEST', 'PUT /vm: 400', { status: 400 }));
    await pusher.cycle({ A: '1' });
    expect(state.pending).toEqual({});
    expect(pusher.owns('A')).toBe(false);
  });

  it('keeps a value that changed while its push was in flight', async () => {
    const { pusher, state } = setup();
    let release!: () => void;
    const slow = createPusher({
      client: {
        updateVm: () =>
          new Promise<void>((r) => {
            release = r;
          }),
        eraseVmAttribute: async () => {},
      },
      options,
      state,
      log: silentLogger,
    });
    const inflight = slow.cycle({ A: '1' });
    state.pending.A = '2';
    release();
    await inflight;
    expect(state.sent).toEqual({ A: '1' });
    expect(state.pending).toEqual({ A: '2' });
    expect(pusher.owns('A')).toBe(true);
  });

  it('bounds the pending set', async () => {
    const { failures, pusher, state } = setup({ maxPending: 2 });
    failures.push(serverError());
    await pusher.cycle({ A: '1', B: '1', C: '1' });
    expect(Object.keys(state.pending)).toEqual(['A', 'B']);
  });
});

describe('createPusher: attributes that vanish with their source', () => {
  const from = (current: Record<string, string>, unsure: string[] = []) => ({ current, unsure });

  it('erases an attribute it sent once its source is gone, after the changes, and records the owners', async () => {
    const { calls, erased, pusher, state } = setup();
    await pusher.cycle({ A: '1', B: '2' }, [], from({ A: 'file:a.attrs', B: 'static' }));
    expect(state.owners).toEqual({ A: 'file:a.attrs', B: 'static' });
    const report = await pusher.cycle({ B: '3' }, [], from({ B: 'static' }));
    expect(calls).toEqual([{ A: '1', B: '2' }, { B: '3' }]);
    expect(erased).toEqual(['A']);
    expect(report).toMatchObject({ outcome: 'sent', erased: ['A'] });
    expect(state).toMatchObject({ owners: { B: 'static' }, erasing: [], sent: { B: '3' } });
    expect(pusher.owns('A')).toBe(false);
    await pusher.cycle({ B: '3' }, [], from({ B: 'static' }));
    expect(erased).toEqual(['A']); // once
  });

  it('keeps the attributes of a source that could not answer, by name or by kind:*', async () => {
    const { erased, pusher, state } = setup();
    await pusher.cycle({ A: '1', C: '5', M: '9' }, [], from({ A: 'file:a.attrs', C: 'command:/bin/c', M: 'metric:cpu' }));
    await pusher.cycle({}, [], from({}, ['file:*', 'command:/bin/c', 'metric:cpu']));
    expect(erased).toEqual([]);
    expect(state.owners).toEqual({ A: 'file:a.attrs', C: 'command:/bin/c', M: 'metric:cpu' });
  });

  it('never erases a name it did not record, nor one the server never took from it', async () => {
    const { erased, failures, pusher, state } = setup();
    await pusher.cycle({ A: '1' }); // no sources given: nothing recorded
    await pusher.cycle({}, [], from({}));
    expect(erased).toEqual([]);
    failures.push(new OneGateError('ONEGATE_BAD_REQUEST', 'PUT /vm: 400', { status: 400 }));
    await pusher.cycle({ B: '1' }, [], from({ B: 'static' })); // dropped by the server: never accepted
    await pusher.cycle({}, [], from({}));
    expect(erased).toEqual([]);
    expect(state.erasing).toEqual([]);
  });

  it('keeps an erasure pending through failures and backoff, then sends it', async () => {
    const { advance, erased, failures, pusher, state } = setup();
    await pusher.cycle({ A: '1' }, [], from({ A: 'static' }));
    failures.push(serverError());
    const failed = await pusher.cycle({}, [], from({}));
    expect(failed.outcome).toBe('failed');
    expect(state.erasing).toEqual(['A']);
    expect(await pusher.flush()).toMatchObject({ outcome: 'deferred' });
    expect(erased).toEqual(['A']);
    advance(60_000);
    expect(await pusher.flush()).toMatchObject({ outcome: 'sent', erased: ['A'] });
    expect(erased).toEqual(['A', 'A']);
    expect(state.erasing).toEqual([]);
    expect(state.lastError).toBeUndefined();
  });

  it('does not erase a name that came back before its erasure was sent, and sends it again', async () => {
    const { advance, calls, erased, failures, pusher, state } = setup();
    await pusher.cycle({ A: '1' }, [], from({ A: 'static' }));
    failures.push(serverError());
    await pusher.cycle({}, [], from({}));
    expect(state.erasing).toEqual(['A']);
    advance(60_000);
    await pusher.cycle({ A: '1' }, [], from({ A: 'file:a.attrs' }));
    expect(state.erasing).toEqual([]);
    expect(erased).toEqual(['A']); // only the failed attempt
    expect(calls.at(-1)).toEqual({ A: '1' });
  });

  it('drops a value still pending whose source vanished without erasing anything', async () => {
    const { erased, failures, pusher, state } = setup();
    failures.push(serverError());
    await pusher.cycle({ A: '1' }, [], from({ A: 'static' }));
    expect(state.pending).toEqual({ A: '1' });
    await pusher.cycle({}, [], from({}));
    expect(state.pending).toEqual({});
    expect(erased).toEqual([]);
  });

  it(`sends at most ${MAX_ERASURES_PER_FLUSH} erasures per flush, the rest at the next`, async () => {
    const { erased, pusher } = setup();
    const names = Array.from({ length: MAX_ERASURES_PER_FLUSH + 2 }, (_, i) => `X${i}`);
    await pusher.cycle(Object.fromEntries(names.map((n) => [n, '1'])), [], from(Object.fromEntries(names.map((n) => [n, 'static']))));
    await pusher.cycle({}, [], from({}));
    expect(erased).toHaveLength(MAX_ERASURES_PER_FLUSH);
    await pusher.flush();
    expect([...erased].sort()).toEqual([...names].sort());
  });
});
