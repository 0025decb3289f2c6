import { describe, expect, it } from 'vitest';
import { judgeReadyWait } from '../../../agent/state/ready-wait';
import type { StatusDocument } from '../../../agent/state/status-document';
import type { ReadyStatus } from '../../../agent/state/types';
import { statusDoc } from './support/status-doc';

const doc = (status: ReadyStatus, over: Partial<StatusDocument> = {}): StatusDocument =>
  statusDoc({ ready: { status, attempts: 0, ...(status === 'reported' ? { reportedAt: '2026-12-02T09:01:00Z' } : {}) }, ...over });

describe('judgeReadyWait', () => {
  it('waits while there is no status file or READY is still on its way', () => {
    expect(judgeReadyWait(undefined, false)).toEqual({ done: false, line: 'no status file yet' });
    expect(judgeReadyWait(doc('pending'), true)).toEqual({ done: false, line: 'READY pending' });
    const failing = doc('failing');
    failing.ready.lastError = {
      code: 'READY_SCRIPT_FAILED',
      message: 'READY_SCRIPT exited 3',
      since: '2026-12-02T09:02:00Z',
      count: 2,
      loggedAt: 0,
    };
    failing.ready.waitsFor = 'READY_SCRIPT';
    expect(judgeReadyWait(failing, true)).toEqual({ done: false, line: 'READY failing (waits for READY_SCRIPT): READY_SCRIPT exited 3' });
  });

  it('ends with 0 once READY was reported, even by a daemon that stopped since', () => {
    expect(judgeReadyWait(doc('reported'), true)).toEqual({ done: true, code: 0, line: 'READY reported at 2026-12-02T09:01:00Z' });
    expect(judgeReadyWait(doc('reported', { stoppedAt: '2026-12-02T09:30:00Z' }), false)).toMatchObject({ done: true, code: 0 });
  });

  it('ends with 1 when READY never will be reported', () => {
    expect(judgeReadyWait(doc('running', { stoppedAt: '2026-12-02T09:30:00Z' }), false)).toEqual({
      done: true,
      code: 1,
      line: 'the agent stopped at 2026-12-02T09:30:00Z before READY was reported',
    });
    expect(judgeReadyWait(doc('pending'), false)).toMatchObject({ code: 1, line: 'the agent process 1 is gone before READY was reported' });
    expect(judgeReadyWait(doc('off'), true)).toMatchObject({ code: 1, line: 'the agent does not report READY (REPORT_READY is not YES)' });
  });
});
