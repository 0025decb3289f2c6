// A fixed-seed slice of the differential fuzzing (`npm run fuzz` runs more): every mutated response is judged
// alike by our parser and by llhttp, or differs in one of the documented, deliberately stricter ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, mutant, ours, random, startLlhttpJudge } from './differential';

describe('the response parser against llhttp', () => {
  let judge: Awaited<ReturnType<typeof startLlhttpJudge>>;
  beforeAll(async () => {
    judge = await startLlhttpJudge();
  });
  afterAll(() => judge.close());

  it('agrees on 300 mutants of seed 1 (or differs only as documented)', async () => {
    const rand = random(1);
    const disagreements: string[] = [];
    let agreed = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = mutant(rand);
      const verdict = compare(bytes, ours(bytes), await judge.theirs(bytes));
      if (verdict === 'disagree') disagreements.push(JSON.stringify(bytes.toString('latin1')));
      if (verdict === 'agree') agreed++;
    }
    expect(disagreements).toEqual([]);
    expect(agreed).toBeGreaterThan(250); // the generator still makes mostly comparable cases
  });

  it('tells a real disagreement apart', () => {
    const bytes = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
    expect(compare(bytes, ours(bytes), { ok: true, status: 200, body: '{}' })).toBe('agree');
    expect(compare(bytes, ours(bytes), { ok: false, why: 'x' })).toBe('disagree');
  });
});
