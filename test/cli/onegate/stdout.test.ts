// How `onegate` writes its output: straight to the descriptors with write(2), and when a descriptor is a
// full non-blocking pipe (EAGAIN), through Node's stream for the rest, so nothing is lost or reordered.
// Once, not per server version: write(2) and EAGAIN are the client's; the server only stores and returns one attribute.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index';
import { tempDir } from '../../support/temp-dir';
import { CLI, EMPTY_ROOT, runCli, startWorld, vmEnv } from './helpers';

describe('stdout', () => {
  let sim: Simulator;
  let dir: string;
  // 120 KB: more than a pipe's 64 KB buffer, less than the 128 KB a single argument may have.
  const big = 'x'.repeat(120_000);

  beforeAll(async () => {
    sim = await startWorld();
    dir = tempDir('onegate-stdout-');
    const r = await runCli(['vm', 'update', '--data', `BIG=${big}`], vmEnv(sim, 42));
    expect(r.status).toBe(0);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('writes all of a large output to a blocking pipe', async () => {
    const r = await runCli(['vm', 'show', '--json'], vmEnv(sim, 42));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).VM.USER_TEMPLATE.BIG).toBe(big);
  });

  it("hands the rest to Node's stream when a non-blocking pipe is full, and loses nothing", async () => {
    // Node's spawn clears O_NONBLOCK on a child's stdio, so perl sets it again before it execs the CLI, as a
    // parent that shares a non-blocking pipe would leave it. Nobody reads the FIFO until the CLI has filled
    // it, so its write(2) gets EAGAIN.
    const fifo = join(dir, 'out');
    execFileSync('mkfifo', [fifo]);
    const writeEnd = openSync(fifo, constants.O_RDWR);
    const setNonBlocking =
      'use Fcntl; my $f = fcntl(STDOUT, F_GETFL, 0); fcntl(STDOUT, F_SETFL, $f | O_NONBLOCK) or die "fcntl: $!"; exec @ARGV or die "exec: $!"';
    const child = spawn('perl', ['-e', setNonBlocking, process.execPath, CLI, 'vm', 'show', '--json'], {
      env: { PATH: process.env.PATH, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT, ...vmEnv(sim, 42) },
      stdio: ['ignore', writeEnd, 'pipe'],
    });
    closeSync(writeEnd);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const closed = new Promise((resolve) => child.on('close', resolve));
    const reader = createReadStream(fifo);
    reader.pause();
    const chunks: Buffer[] = [];
    const ended = new Promise((resolve) => reader.on('end', () => resolve(undefined)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    reader.on('data', (c) => chunks.push(c as Buffer)).resume();
    const [status] = await Promise.all([closed, ended]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const out = Buffer.concat(chunks).toString('utf8');
    expect(out.length).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(out).VM.USER_TEMPLATE.BIG).toBe(big);
    expect(out.endsWith('}\n')).toBe(true);
  });
});
