import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { create, createFilesystem, MOUNT_TABLE_TTL_MS, type StatfsResult, usedPercent } from '../../../agent/metrics/filesystem';
import { tempDir } from '../../support/temp-dir';
import { fixtureContext } from './helpers';

function procWith(mountinfo: string): string {
  const root = tempDir('fs-collect-');
  mkdirSync(join(root, 'self'));
  writeFileSync(join(root, 'self/mountinfo'), mountinfo);
  return root;
}
const line = (id: number, dev: string, path: string, type = 'ext4') => `${id} 1 ${dev} / ${path} rw - ${type} /dev/x rw\n`;
const half: StatfsResult = { blocks: 100, bfree: 50, bavail: 50 };

function recorder() {
  const lines: string[] = [];
  const log = { error: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m), debug() {} };
  return { lines, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('usedPercent', () => {
  it.each([
    ['like df, without reserved blocks', { blocks: 1000, bfree: 250, bavail: 200 }, (750 / 950) * 100],
    ['empty filesystem', { blocks: 0, bfree: 0, bavail: 0 }, undefined],
    ['full for users', { blocks: 100, bfree: 5, bavail: 0 }, 100],
  ])('%s', (_, s, expected) => {
    expect(usedPercent(s)).toBe(expected);
  });
});

describe('filesystem collector', () => {
  it('measures the real root filesystem through fs.statfs', async () => {
    const got = await create(fixtureContext(procWith(line(1, '8:1', '/')), {})).collect();
    expect(got.DISK_USED_ROOT).toBeGreaterThanOrEqual(0);
    expect(got.DISK_USED_ROOT).toBeLessThanOrEqual(100);
  });

  it('skips a mount whose statfs hangs, then measures it again once the call returns', async () => {
    vi.useFakeTimers();
    let release: (v: StatfsResult) => void = () => {};
    const hung = new Promise<StatfsResult>((resolve) => {
      release = resolve;
    });
    const statfs = vi.fn(async (p: string) => (p === '/nfs' ? hung : half));
    const { lines, log } = recorder();
    const ctx = fixtureContext(
      procWith(line(1, '8:1', '/') + line(2, '0:40', '/nfs', 'nfs4')),
      { mounts: ['/', '/nfs'], timeoutMs: 1000 },
      log,
    );
    const c = createFilesystem(ctx, statfs);

    const first = c.collect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await first).toEqual({ DISK_USED_ROOT: 50 });
    expect(lines).toEqual(['filesystem: statfs /nfs did not answer within 1000 ms; skipping it until it does']);

    expect(await c.collect()).toEqual({ DISK_USED_ROOT: 50 });
    expect(statfs.mock.calls.filter(([p]) => p === '/nfs')).toHaveLength(1);
    expect(c.status?.()).toEqual({ stuckMounts: ['/nfs'] });
    expect(c.missed?.()).toEqual(['DISK_USED_NFS']); // a failure, not a removal: its attribute is kept

    release(half);
    await vi.advanceTimersByTimeAsync(0);
    expect(await c.collect()).toEqual({ DISK_USED_NFS: 50, DISK_USED_ROOT: 50 });
    expect(lines[1]).toBe('filesystem: statfs /nfs answered again');
    expect(c.status?.()).toEqual({ stuckMounts: [] });
    expect(c.missed?.()).toEqual([]);
  });

  it('starts no statfs at all while two calls are stuck', async () => {
    vi.useFakeTimers();
    const statfs = vi.fn(async (p: string) => (p === '/' ? half : new Promise<StatfsResult>(() => {})));
    const mounts = line(1, '8:1', '/') + line(2, '0:40', '/a', 'nfs') + line(3, '0:41', '/b', 'nfs');
    const c = createFilesystem(fixtureContext(procWith(mounts), { mounts: ['/', '/a', '/b'], timeoutMs: 10 }), statfs);
    const first = c.collect();
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toEqual({ DISK_USED_ROOT: 50 });
    expect(await c.collect()).toEqual({});
    expect(statfs).toHaveBeenCalledTimes(3);
  });

  it('skips a mount whose statfs fails', async () => {
    const statfs = async (p: string) => {
      if (p === '/') return half;
      throw new Error('EACCES');
    };
    const c = createFilesystem(fixtureContext(procWith(line(1, '8:1', '/') + line(2, '8:2', '/srv')), {}), statfs);
    expect(await c.collect()).toEqual({ DISK_USED_ROOT: 50 });
  });

  it('reuses the mount table for MOUNT_TABLE_TTL_MS, then sees a new mount', async () => {
    const root = procWith(line(1, '8:1', '/'));
    const ctx = fixtureContext(root, {});
    const c = createFilesystem(ctx, async () => half);
    expect(await c.collect()).toEqual({ DISK_USED_ROOT: 50 });
    writeFileSync(join(root, 'self/mountinfo'), line(1, '8:1', '/') + line(2, '8:2', '/srv'));
    ctx.clock.ms = MOUNT_TABLE_TTL_MS - 1;
    expect(await c.collect()).toEqual({ DISK_USED_ROOT: 50 });
    ctx.clock.ms = MOUNT_TABLE_TTL_MS;
    expect(await c.collect()).toEqual({ DISK_USED_ROOT: 50, DISK_USED_SRV: 50 });
  });
});
