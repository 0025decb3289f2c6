import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../../agent/log';
import { collectors, collectorsFor } from '../../../agent/metrics';
import type { StatfsResult } from '../../../agent/metrics/filesystem';
import { DEFAULT_NETWORK_EXCLUDE } from '../../../agent/metrics/network';
import type { CpuTimes, OsCalls } from '../../../agent/metrics/os-facts';
import * as winCpu from '../../../agent/metrics/win-cpu';
import * as winFilesystem from '../../../agent/metrics/win-filesystem';
import * as winMemory from '../../../agent/metrics/win-memory';
import * as winNetwork from '../../../agent/metrics/win-network';
import * as winUptime from '../../../agent/metrics/win-uptime';
import type { RunCommandResult } from '../../../agent/process/run-command';

function fakeOs(over: Partial<OsCalls> = {}): OsCalls {
  return {
    cpuTimes: () => [],
    totalMemory: () => 8e9,
    freeMemory: () => 2e9,
    uptimeSeconds: () => 3600.9,
    driveRoots: () => [],
    exists: () => false,
    statfs: async () => ({ blocks: 100, bfree: 40, bavail: 40 }),
    interfaceStatistics: async () => netstat(''),
    ...over,
  };
}
const ctx = <O>(options: O, now = () => 0, log: Logger = silentLogger) => ({
  procRoot: '/nonexistent',
  sysRoot: '/nonexistent',
  log,
  now,
  options,
});
const netstat = (stdout: string, over: Partial<RunCommandResult> = {}): RunCommandResult => ({
  code: 0,
  signal: null,
  stdout,
  stderr: '',
  timedOut: false,
  aborted: false,
  ...over,
});
const NETSTAT = join(__dirname, '../../fixtures/netstat');
const bytesRow = (rx: number, tx: number) => `Interface Statistics\r\n\r\n   Received   Sent\r\n\r\nBytes   ${rx}   ${tx}\r\n`;
const times = (user: number, sys: number, idle: number, irq = 0): CpuTimes => ({ user, nice: 0, sys, idle, irq });

describe('Windows collectors', () => {
  it('are chosen on win32 only, under the Linux names', () => {
    expect(collectorsFor('linux')).toBe(collectors);
    expect(collectorsFor('win32').map((c) => c.name)).toEqual(['cpu', 'filesystem', 'memory', 'network', 'uptime']);
    const linux = new Map(collectors.map((c) => [c.name, c]));
    for (const c of collectorsFor('win32')) expect(c.config).toBe(linux.get(c.name)?.config);
  });
  it('cpu: primes, then gives CPU_USAGE from os.cpus() deltas and no CPU_STEAL', async () => {
    let sample = [times(100, 100, 800), times(0, 0, 1000)];
    const cpu = winCpu.create(ctx({}), fakeOs({ cpuTimes: () => sample }));
    expect(await cpu.collect()).toEqual({});
    sample = [times(200, 150, 850, 50), times(100, 0, 1100)];
    // busy Δ = (100 + 50 + 50) + 100 = 300 of Δtotal 300 + 50 + 100 = 450
    expect(await cpu.collect()).toEqual({ CPU_USAGE: (100 * 300) / 450 });
  });
  it('memory: MEM_USED from total and available; no data without a total', async () => {
    expect(await winMemory.create(ctx({}), fakeOs()).collect()).toEqual({ MEM_USED: 75 });
    await expect(winMemory.create(ctx({}), fakeOs({ totalMemory: () => 0 })).collect()).rejects.toThrow(/no data/);
  });
  it('uptime: whole seconds', async () => {
    expect(await winUptime.create(ctx({}), fakeOs()).collect()).toEqual({ UPTIME: 3600 });
  });
  it('filesystem: every drive but the CONTEXT media and the excluded, named by letter; a failing drive is left out', async () => {
    const fs: Record<string, StatfsResult> = {
      'C:\\': { blocks: 100, bfree: 25, bavail: 25 },
      'E:\\': { blocks: 10, bfree: 5, bavail: 5 },
    };
    const os = fakeOs({
      driveRoots: () => ['C:\\', 'D:\\', 'E:\\', 'F:\\', 'G:\\'],
      exists: (p) => p === 'D:\\context.sh',
      statfs: async (p) => {
        const r = fs[p];
        if (!r) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
        return r;
      },
    });
    expect(await winFilesystem.create(ctx({ excludeMounts: ['G:\\'] }), os).collect()).toEqual({ DISK_USED_C: 75, DISK_USED_E: 50 });
    expect(await winFilesystem.create(ctx({ mounts: ['e:\\', '/srv'] }), os).collect()).toEqual({ DISK_USED_E: 50 });
  });
  it('filesystem: a drive that does not answer within the timeout is stuck: skipped, not called again, until it answers', async () => {
    let answer: (r: StatfsResult) => void = () => {};
    let hung = true;
    const calls: string[] = [];
    const os = fakeOs({
      driveRoots: () => ['C:\\', 'H:\\'],
      statfs: (p) => {
        calls.push(p);
        if (p === 'H:\\' && hung) return new Promise((resolve) => (answer = resolve));
        return Promise.resolve(p === 'H:\\' ? { blocks: 10, bfree: 5, bavail: 5 } : { blocks: 4, bfree: 1, bavail: 1 });
      },
    });
    const fs = winFilesystem.create(ctx({ timeoutMs: 20 }), os);
    expect(await fs.collect()).toEqual({ DISK_USED_C: 75 });
    expect(fs.status?.()).toEqual({ stuckMounts: ['H:\\'] });
    expect(await fs.collect()).toEqual({ DISK_USED_C: 75 });
    expect(calls).toEqual(['C:\\', 'H:\\', 'C:\\']);
    hung = false;
    answer({ blocks: 10, bfree: 5, bavail: 5 });
    await new Promise((r) => setImmediate(r));
    expect(fs.status?.()).toEqual({ stuckMounts: [] });
    expect(await fs.collect()).toEqual({ DISK_USED_C: 75, DISK_USED_H: 50 });
  });
});

describe('Windows network (netstat -e)', () => {
  it.each(readdirSync(NETSTAT).filter((c) => !c.includes('.')))('parses the %s output', (c) => {
    const expected = JSON.parse(readFileSync(join(NETSTAT, c, 'expected.json'), 'utf8'));
    expect(winNetwork.parseNetstatE(readFileSync(join(NETSTAT, c, 'stdout.txt'), 'utf8')) ?? null).toEqual(expected);
  });
  it('primes, then gives bytes per second from the totals; a decrease skips that cycle', async () => {
    let at = 0;
    let out = bytesRow(1000, 500);
    const calls: number[] = [];
    const os = fakeOs({
      interfaceStatistics: async (timeoutMs) => {
        calls.push(timeoutMs);
        return netstat(out);
      },
    });
    const net = winNetwork.create(
      ctx({}, () => at),
      os,
    );
    expect(await net.collect()).toEqual({});
    [at, out] = [2000, bytesRow(5000, 1500)];
    expect(await net.collect()).toEqual({ NET_RX_BPS: 2000, NET_TX_BPS: 500 });
    [at, out] = [4000, bytesRow(100, 1600)];
    expect(await net.collect()).toEqual({});
    expect(calls).toEqual([5000, 5000, 5000]);
  });
  it('is absent, not zero, when netstat fails, hangs or prints no counters', async () => {
    for (const r of [netstat('', { code: 1 }), netstat('', { code: null, timedOut: true }), netstat('Interface Statistics\r\n')]) {
      await expect(winNetwork.create(ctx({}), fakeOs({ interfaceStatistics: async () => r })).collect()).rejects.toThrow(
        /^no data from netstat -e/,
      );
    }
  });
  it('does not try again a netstat that cannot start', async () => {
    let calls = 0;
    const os = fakeOs({
      interfaceStatistics: async () => {
        calls++;
        return netstat('', { code: null, spawnError: new Error('spawn netstat.exe ENOENT') });
      },
    });
    const net = winNetwork.create(ctx({}), os);
    await expect(net.collect()).rejects.toThrow(/cannot start: spawn netstat.exe ENOENT/);
    await expect(net.collect()).rejects.toThrow(/cannot start/);
    expect(calls).toBe(1);
  });
  it('says once that include and exclude do not apply, only when they are set', () => {
    const lines: string[] = [];
    const log = { ...silentLogger, info: (m: string) => lines.push(m) };
    winNetwork.create(ctx({}, undefined, log));
    winNetwork.create(ctx({ include: [], exclude: [...DEFAULT_NETWORK_EXCLUDE] }, undefined, log));
    expect(lines).toEqual([]);
    winNetwork.create(ctx({ include: ['Ethernet*'] }, undefined, log));
    expect(lines).toEqual(['network: include and exclude do not apply on Windows; NET_RX_BPS and NET_TX_BPS are the totals of netstat -e']);
  });
});
