// Contract over the registry: every collector declares its section and attributes, has fixtures, yields no data
// on the `missing` tree, and gives the expected metrics, all of them declared, on every proc case (single
// samples) and proc-seq case (rate sequences step0, step1, ...).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFilesystem } from '../../../agent/metrics/filesystem';
import { collectors } from '../../../agent/metrics/index';
import { type Collector, type CollectorInstance, NoDataError } from '../../../agent/metrics/types';
import { defaultValue } from '../../../agent/schema/keys';
import { type Expectation, expectMetrics, fixtureContext, fixtureStatfs, listDirs, PROC_CASES, readJson, SEQ_CASES } from './helpers';

function instantiate(c: Collector<any>, caseDir: string, procRoot: string, options: object) {
  const ctx = fixtureContext(procRoot, options);
  const instance: CollectorInstance = c.name === 'filesystem' ? createFilesystem(ctx, fixtureStatfs(caseDir)) : c.create(ctx);
  return { ctx, instance };
}

// Every metric must be one the collector declares (`<MOUNT>` standing for A-Z, 0-9 and _).
function expectDeclared(c: Collector<any>, metrics: Record<string, number>, where: string): void {
  const patterns = c.attributes.flatMap((a) => a.names.map((n) => new RegExp(`^${n.replace(/<[A-Z]+>/g, '[A-Z0-9_]+')}$`)));
  for (const key of Object.keys(metrics))
    expect(
      patterns.some((p) => p.test(key)),
      `${where}: ${key} is not declared`,
    ).toBe(true);
}

const procCases = listDirs(PROC_CASES).map((name) => ({
  name,
  expected: readJson(join(PROC_CASES, name, 'expected.json')) as Record<string, Expectation>,
}));

describe.each(collectors.map((c) => [c.name, c] as const))('collector %s', (name, collector) => {
  const seqCases = listDirs(join(SEQ_CASES, name));

  it('has a name, a default and fixtures', () => {
    expect(name).toMatch(/^[a-z]+$/);
    expect(typeof collector.defaultEnabled).toBe('boolean');
    const procCount = procCases.filter((c) => c.name !== 'missing' && c.expected[name] !== undefined).length;
    expect(procCount + seqCases.length).toBeGreaterThan(0);
  });

  it('declares its configuration section, defaulting to its default, and the attributes it pushes', () => {
    expect(collector.config.keys.enabled).toMatchObject({ kind: 'boolean', default: collector.defaultEnabled });
    expect(collector.options(defaultValue(collector.config) as Record<string, unknown>)).toMatchObject({
      enabled: collector.defaultEnabled,
    });
    expect(collector.attributes.length).toBeGreaterThan(0);
    for (const a of collector.attributes) for (const n of a.names) expect(n).toMatch(/^[A-Z][A-Z0-9_]*(<[A-Z]+>)?$/);
  });

  it('yields no data from the missing tree', async () => {
    expect(procCases.find((c) => c.name === 'missing')?.expected[name]).toBe('no-data');
    const { instance } = instantiate(collector, join(PROC_CASES, 'missing'), join(PROC_CASES, 'missing'), {});
    await expect(instance.collect()).rejects.toBeInstanceOf(NoDataError);
  });

  for (const pc of procCases.filter((c) => c.expected[name] !== undefined)) {
    it(`proc case ${pc.name}`, async () => {
      const dir = join(PROC_CASES, pc.name);
      const { instance } = instantiate(collector, dir, dir, {});
      const want = pc.expected[name];
      if (want === 'no-data') await expect(instance.collect()).rejects.toBeInstanceOf(NoDataError);
      else {
        const got = await instance.collect();
        expectMetrics(got, want, `${pc.name}/${name}`);
        expectDeclared(collector, got, pc.name);
      }
    });
  }

  for (const sc of seqCases) {
    it(`sequence ${sc}`, async () => {
      const dir = join(SEQ_CASES, name, sc);
      const spec = readJson(join(dir, 'expected.json'));
      const steps = listDirs(dir);
      expect(steps[0]).toBe('step0');
      const { ctx, instance } = instantiate(collector, dir, join(dir, 'step0'), spec.options ?? {});
      for (const [i, step] of steps.entries()) {
        ctx.procRoot = join(dir, step);
        ctx.clock.ms = i * (spec.intervalMs ?? 10_000);
        const got = await instance.collect();
        // The first sample only primes a rate collector.
        expectMetrics(got, i === 0 ? {} : spec.steps[step], `${sc}/${step}`);
        expectDeclared(collector, got, `${sc}/${step}`);
      }
      expect(Object.keys(spec.steps).sort()).toEqual(steps.slice(1));
    });
  }
});
