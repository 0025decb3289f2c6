import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../agent/log';
import { collectAll, collectors, createCollectors, NoDataError } from '../../../agent/metrics/index';
import { type Collector, collectorSection, enabledOnly } from '../../../agent/metrics/types';
import { PROC_CASES } from './helpers';

const base = { procRoot: join(PROC_CASES, 'full'), sysRoot: '/sys', log: silentLogger, now: () => 0 };

describe('createCollectors', () => {
  it('creates the collectors enabled by default, in registry order', () => {
    const names = createCollectors(collectors, { ...base, options: {} }).map((a) => a.name);
    expect(names).toEqual(collectors.filter((c) => c.defaultEnabled).map((c) => c.name));
    expect(names).not.toContain('uptime');
  });
  it('follows the enabled switches and passes each collector its options', () => {
    const seen: unknown[] = [];
    const probe: Collector<any> = {
      name: 'probe',
      defaultEnabled: false,
      config: collectorSection(false, 'A probe.'),
      options: enabledOnly,
      attributes: [],
      create: (ctx) => {
        seen.push(ctx.options);
        return { collect: async () => ({}) };
      },
    };
    const names = createCollectors([...collectors, probe], {
      ...base,
      options: { cpu: { enabled: false }, probe: { enabled: true, x: 1 } } as any,
    }).map((a) => a.name);
    expect(names).not.toContain('cpu');
    expect(names).toContain('probe');
    expect(seen).toEqual([{ enabled: true, x: 1 }]);
  });
});

describe('collectAll', () => {
  it('merges metrics and reports failures per collector without stopping the others', async () => {
    const warned: string[] = [];
    const log = { ...silentLogger, warn: (m: string) => warned.push(m) };
    const result = await collectAll(
      [
        { name: 'a', instance: { collect: async () => ({ A: 1 }) } },
        {
          name: 'b',
          instance: {
            collect: async () => {
              throw new NoDataError('/x', 'gone');
            },
          },
        },
        {
          name: 'c',
          instance: {
            collect: async () => {
              throw new Error('boom');
            },
          },
        },
        { name: 'd', instance: { collect: async () => ({ D: 2 }) } },
        { name: 'priming', instance: { collect: async () => ({}) } },
        { name: 'fs', instance: { collect: async () => ({ DISK_USED_ROOT: 5 }), missed: () => ['DISK_USED_NFS'] } },
      ],
      log,
    );
    expect(result.values).toEqual({ A: 1, D: 2, DISK_USED_ROOT: 5 });
    expect(result.sources).toEqual({ A: 'a', D: 'd', DISK_USED_ROOT: 'fs' });
    expect(result.missed).toEqual({ DISK_USED_NFS: 'fs' });
    // What gave nothing keeps what it gave before (a rate collector priming included).
    expect([...result.silent].sort()).toEqual(['b', 'c', 'priming']);
    expect(Object.keys(result.errors).sort()).toEqual(['b', 'c']);
    expect(warned).toEqual(['c: boom']);
  });
});
