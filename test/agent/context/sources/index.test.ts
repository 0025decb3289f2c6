import { describe, expect, it } from 'vitest';
import { sourceContext } from '../../../../agent/context/sources/files';
import { findContext, SOURCES, sourcesFor } from '../../../../agent/context/sources/index';
import type { Source } from '../../../../agent/context/sources/source';
import type { ContextFiles } from '../../../../agent/context/types';
import type { Logger } from '../../../../agent/log';

function fake(name: string, files?: ContextFiles): Source & { reads: number } {
  const source = {
    name,
    priority: 1,
    kinds: ['directory'] as const,
    reads: 0,
    async read() {
      source.reads++;
      return files;
    },
    watch: {},
  };
  return source;
}

describe('the context source registry', () => {
  it("holds one-contextd's order: the CONTEXT device (Linux, then Windows' labelled drive), /context, VMware guestinfo, with distinct priorities", () => {
    expect(SOURCES.map((s) => s.name)).toEqual([
      'CONTEXT block device',
      'drive labelled CONTEXT',
      'directory /context',
      'VMware guestinfo',
    ]);
    expect(new Set(SOURCES.map((s) => s.priority)).size).toBe(SOURCES.length);
  });
  it('every source declares how it is watched', () => {
    for (const s of SOURCES) expect(Object.keys(s.watch).length, s.name).toBeGreaterThan(0);
  });
  it('--context-file or --context-dir replaces the search (the file winning), watched by the stat of its two files', () => {
    expect(sourcesFor({}).sources).toBe(SOURCES);
    const dir = sourcesFor({ contextDir: '/d' });
    expect(dir.given).toBe(true);
    expect(dir.sources.map((s) => s.name)).toEqual(['--context-dir /d']);
    const ctx = sourceContext({});
    expect(dir.sources[0].watch.files?.(ctx)).toEqual(['/d/context.sh', '/d/token.txt']);
    const file = sourcesFor({ contextDir: '/d', contextFile: '/e/ctx.sh' }).sources[0];
    expect(file.watch.files?.(ctx)).toEqual(['/e/ctx.sh', '/e/token.txt']);
  });
  it('findContext stops at the first source with files, saying which one at debug level', async () => {
    const lines: string[] = [];
    const log: Logger = { error: () => {}, warn: () => {}, info: () => {}, debug: (m) => lines.push(m) };
    const found: ContextFiles = { kind: 'directory', origin: '/b', contextSh: "VMID='1'\n" };
    const [a, b, c] = [fake('a'), fake('b', found), fake('c', found)];
    expect(await findContext([a, b, c], sourceContext({ log }))).toBe(found);
    expect([a.reads, b.reads, c.reads]).toEqual([1, 1, 0]);
    expect(lines).toEqual(['context: no context from a', 'context: using b (/b)']);
  });
});
