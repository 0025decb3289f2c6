// status.json as `onegate-agent status` finds it: every damaged case under test/fixtures/status/<case>/
// names the file and the first problem, and no byte of the file reaches the message.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatus, statusPath } from '../../../agent/state/status';
import { StatusFileError } from '../../../agent/state/status-check';
import { tempDir } from '../../support/temp-dir';

const FIXTURES = join(__dirname, '../../fixtures/status');

function problemOf(runDir: string): string {
  try {
    readStatus(runDir);
  } catch (err) {
    expect(err).toBeInstanceOf(StatusFileError);
    return (err as Error).message;
  }
  throw new Error(`${runDir}: accepted`);
}

describe('readStatus', () => {
  it.each(['valid', 'stopped-failing'])('accepts the status file of case %s', (name) => {
    const doc = readStatus(join(FIXTURES, name));
    expect(doc?.pid).toBe(9741);
  });

  it('gives undefined when there is no status file (never ran since boot)', () => {
    expect(readStatus(tempDir('oga-status-'))).toBeUndefined();
  });

  it.each([
    ['empty', 'empty'],
    ['blank', 'empty'],
    ['truncated', 'invalid JSON: it ends early'],
    ['array', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['bad-token', 'invalid JSON'],
    ['trailing-bytes', 'invalid JSON at line 4, column 1'],
    ['escape-bytes', 'invalid JSON'],
    ['pid-missing', 'pid: missing'],
    ['pid-string', 'pid: expected a process id'],
    ['pid-negative', 'pid: expected a process id'],
    ['updated-not-a-time', 'updatedAt: expected an ISO time'],
    ['credentials-vmid-number', 'credentials.vmid: expected a string'],
    ['push-pending-not-a-list', 'push.pending: expected a list of strings'],
    ['ready-status-unknown', 'ready.status: expected one of off, pending, running, failing, reported'],
    ['pull-last-error-without-count', 'pull.lastError.count: missing'],
    ['process-missing', 'process: missing'],
  ])('case %s: "FILE: not a status file (%s)"', (name, why) => {
    const dir = join(FIXTURES, name);
    expect(problemOf(dir)).toBe(`${statusPath(dir)}: not a status file (${why})`);
  });

  it('refuses a file larger than any status file without reading it whole', () => {
    const dir = tempDir('oga-status-');
    writeFileSync(statusPath(dir), `{"pad": "${'x'.repeat(2 << 20)}"}`);
    expect(problemOf(dir)).toBe(`${statusPath(dir)}: not a status file (larger than 1 MiB)`);
  });

  it('names a status path that is not a readable file by its errno', () => {
    const dir = tempDir('oga-status-');
    mkdirSync(statusPath(dir));
    expect(problemOf(dir)).toBe(`${statusPath(dir)}: not a status file (cannot read it: EISDIR)`);
    const unreadable = tempDir('oga-status-');
    writeFileSync(statusPath(unreadable), '{}');
    chmodSync(statusPath(unreadable), 0);
    if (process.getuid?.() === 0) return; // root reads it anyway
    expect(problemOf(unreadable)).toBe(`${statusPath(unreadable)}: not a status file (cannot read it: EACCES)`);
  });
});
