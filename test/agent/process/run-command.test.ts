import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../agent/process/run-command';

describe('runCommand', () => {
  it('captures output and exit status', async () => {
    const r = await runCommand({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'], timeoutMs: 5000 });
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });
  it('passes input and environment', async () => {
    const r = await runCommand({ argv: ['sh', '-c', 'cat; printf %s "$X"'], timeoutMs: 5000, input: 'in-', env: { X: 'env' } });
    expect(r.stdout).toBe('in-env');
  });
  it('kills a program that runs too long', async () => {
    const r = await runCommand({ argv: ['sleep', '10'], timeoutMs: 100 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGTERM');
  });
  it('bounds the output it keeps', async () => {
    const r = await runCommand({ argv: ['sh', '-c', 'head -c 10000 /dev/zero'], timeoutMs: 5000, maxOutputBytes: 100 });
    expect(r.stdout.length).toBe(100);
  });
  it.each([
    [
      'a NUL byte in a variable',
      { argv: ['true'], env: { DB_PASSWORD: 'hunter2\0x' } },
      'environment variable DB_PASSWORD contains a NUL byte',
    ],
    ['a NUL byte in an argument', { argv: ['sh', '-c', 'true\0hunter2'] }, 'argument 2 contains a NUL byte'],
    ['a NUL byte in the program', { argv: ['/bin/tr\0ue'] }, 'the program path contains a NUL byte'],
    ['an "=" in a name', { argv: ['true'], env: { 'A=B': 'hunter2' } }, 'an environment variable has an invalid name (3 characters)'],
    ['no program', { argv: [] }, 'no program to run'],
  ])('resolves, never throws, on what spawn() would throw for: %s', async (_name, options, message) => {
    const r = await runCommand({ timeoutMs: 5000, ...options });
    expect(r).toMatchObject({ code: null, timedOut: false });
    expect(r.spawnError?.message).toBe(message);
    expect(r.spawnError?.message).not.toContain('hunter2');
  });
  it('reports a program that cannot start', async () => {
    const r = await runCommand({ argv: ['/nonexistent/program'], timeoutMs: 5000 });
    expect(r.code).toBeNull();
    expect(r.spawnError?.message).toMatch(/ENOENT/);
  });
});

describe('runCommand process group', () => {
  it('ends grandchildren that keep stdout open when the timeout fires', async () => {
    const started = Date.now();
    const r = await runCommand({ argv: ['sh', '-c', 'sleep 30; echo never'], timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('');
    // Bounded by the 2 s SIGKILL grace, far below the grandchild's 30 s.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('kills the program when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = runCommand({ argv: ['sh', '-c', 'sleep 30'], timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const r = await pending;
    expect(r.signal).toBe('SIGTERM');
    expect(r.timedOut).toBe(false);
    expect(r.aborted).toBe(true);
  });
});
