// The state directory's pid-file lock within one process (two real daemons: test/agent/daemon/lock.test.ts).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath, lockStateDir, StateLockedError } from '../../../agent/state/lock';
import { tempDir } from '../../support/temp-dir';

const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('lockStateDir', () => {
  it('creates the state directory (0700) and a pid file holding our pid; release removes it', () => {
    const dir = join(tempDir('oga-lock-'), 'state');
    const lock = lockStateDir(dir, { pid: 100, isAlive: alive([]) });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe('100\n');
    lock.release();
    expect(existsSync(lockPath(dir))).toBe(false);
    lock.release(); // idempotent
  });

  it('refuses while a live daemon holds it, naming its pid', () => {
    const dir = tempDir('oga-lock-');
    lockStateDir(dir, { pid: 100, isAlive: alive([]) });
    expect(() => lockStateDir(dir, { pid: 200, isAlive: alive([100]) })).toThrow(new StateLockedError(dir, 100));
    expect(() => lockStateDir(dir, { pid: 200, isAlive: alive([100]) })).toThrow(`${dir} is in use by another onegate-agent (pid 100)`);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe('100\n');
  });

  it.each([
    ['a dead pid', '100\n'],
    ['our own pid (a container restarts the daemon as pid 1)', '200\n'],
    ['an empty file (a crash between create and write)', ''],
    ['garbage', 'not a pid\n'],
  ])('takes over a stale file holding %s', (_case, content) => {
    const dir = tempDir('oga-lock-');
    writeFileSync(lockPath(dir), content);
    const lock = lockStateDir(dir, { pid: 200, isAlive: alive([200]) });
    expect(readFileSync(lockPath(dir), 'utf8')).toBe('200\n');
    lock.release();
  });

  it('release leaves a file that another daemon took over alone', () => {
    const dir = tempDir('oga-lock-');
    const lock = lockStateDir(dir, { pid: 100, isAlive: alive([]) });
    writeFileSync(lockPath(dir), '300\n');
    lock.release();
    expect(readFileSync(lockPath(dir), 'utf8')).toBe('300\n');
  });
});
