// `npm run fuzz [-- COUNT [SEED]]`: COUNT (default 2000) mutated responses through our parser and llhttp;
// prints the seed and the counts, and writes each disagreement's bytes under test/fixtures/fuzz/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare, mutant, ours, random, startLlhttpJudge, type Verdict } from './differential';

type Judge = (bytes: Buffer) => Promise<Verdict>;

/** `bytes` with every single byte removed that keeps the parsers disagreeing (greedy, at most 2000 tries). */
async function minimize(bytes: Buffer, theirs: Judge): Promise<Buffer> {
  let best = bytes;
  let tries = 0;
  for (let i = best.length - 1; i >= 0 && tries < 2000; i--, tries++) {
    const shorter = Buffer.concat([best.subarray(0, i), best.subarray(i + 1)]);
    if (compare(shorter, ours(shorter), await theirs(shorter)) === 'disagree') best = shorter;
  }
  return best;
}

const count = Math.min(Number(process.argv[2] ?? 2000), 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const out = join(__dirname, '../fixtures/fuzz');
async function main(): Promise<void> {
  const judge = await startLlhttpJudge();
  const rand = random(seed);
  let disagreements = 0;
  const deliberate = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < count && Date.now() - started < 120_000; i++) {
    const bytes = mutant(rand);
    const a = ours(bytes);
    const b = await judge.theirs(bytes);
    const verdict = compare(bytes, a, b);
    if (verdict === 'agree') continue;
    if (verdict !== 'disagree') {
      deliberate.set(verdict, (deliberate.get(verdict) ?? 0) + 1);
      continue;
    }
    disagreements++;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `seed-${seed}-${i}.http`), await minimize(bytes, (b) => judge.theirs(b)));
    console.log(
      `#${i}: ours ${JSON.stringify(a).slice(0, 100)} llhttp ${JSON.stringify(b).slice(0, 100)} bytes ${JSON.stringify(bytes.toString('latin1')).slice(0, 160)}`,
    );
  }
  await judge.close();
  const known = [...deliberate].map(([why, n]) => `${n} ${why}`).join(', ');
  console.log(`seed ${seed}: ${count} cases, ${disagreements} disagreements; deliberately stricter: ${known || 'none'}`);
  if (disagreements > 0) process.exitCode = 1;
}

void main();
