import { describe, expect, it } from 'vitest';
import { noteReason, replaceReasons } from '../../../agent/state/reasons';

describe('noteReason', () => {
  it('is true for a new name or another reason, false for the same reason again', () => {
    const record: Record<string, string> = {};
    expect(noteReason(record, 'A', 'x')).toBe(true);
    expect(noteReason(record, 'A', 'x')).toBe(false);
    expect(noteReason(record, 'A', 'y')).toBe(true);
    expect(record).toEqual({ A: 'y' });
  });
  it('does not take an inherited property for a recorded name', () => {
    expect(noteReason({}, 'toString', 'x')).toBe(true);
  });
});

describe('replaceReasons', () => {
  it.each([
    ['nothing before, nothing now', {}, {}, [], []],
    ['new', {}, { a: 'x' }, ['a'], []],
    ['the same reason again', { a: 'x' }, { a: 'x' }, [], []],
    ['another reason', { a: 'x' }, { a: 'y' }, ['a'], []],
    ['gone', { a: 'x', b: 'z' }, { b: 'z' }, [], ['a']],
  ])('%s', (_, before: Record<string, string>, now: Record<string, string>, changed, gone) => {
    const record = { ...before };
    expect(replaceReasons(record, now)).toEqual({ changed, gone });
    expect(record).toEqual(now);
  });
});
