import { describe, expect, it } from 'vitest';
import { isUnsure, vanishedAttributes } from '../../../agent/state/owned';

const owned = {
  CPU_USAGE: 'metric:cpu',
  ROLE: 'static',
  APP_VERSION: 'file:app.attrs',
  QUEUE: 'command:/usr/local/bin/queue-depth',
  DISK_USED_DATA: 'metric:filesystem',
};

describe('vanishedAttributes', () => {
  it('erases what a removed source produced, and nothing else', () => {
    const current = {
      CPU_USAGE: 'metric:cpu',
      ROLE: 'static',
      QUEUE: 'command:/usr/local/bin/queue-depth',
      DISK_USED_DATA: 'metric:filesystem',
    };
    expect(vanishedAttributes(owned, { current, unsure: [] })).toEqual({ owners: current, vanished: ['APP_VERSION'] });
  });

  it('keeps the attributes of a source that could not answer', () => {
    const r = vanishedAttributes(owned, {
      current: { ROLE: 'static' },
      unsure: ['metric:cpu', 'command:/usr/local/bin/queue-depth', 'file:*'],
    });
    expect(r.vanished).toEqual(['DISK_USED_DATA']);
    expect(r.owners).toEqual({
      ROLE: 'static',
      CPU_USAGE: 'metric:cpu',
      QUEUE: 'command:/usr/local/bin/queue-depth',
      APP_VERSION: 'file:app.attrs',
    });
  });

  it('moves ownership when another source now gives the name (no erase)', () => {
    const r = vanishedAttributes(owned, { current: { ...owned, ROLE: 'file:role.attrs' }, unsure: [] });
    expect(r).toEqual({ owners: { ...owned, ROLE: 'file:role.attrs' }, vanished: [] });
  });

  it('a renamed attribute (a new prefix) erases the old name', () => {
    const r = vanishedAttributes({ CPU_USAGE: 'metric:cpu' }, { current: { GUEST_CPU_USAGE: 'metric:cpu' }, unsure: [] });
    expect(r).toEqual({ owners: { GUEST_CPU_USAGE: 'metric:cpu' }, vanished: ['CPU_USAGE'] });
  });

  it('never names an attribute it did not record', () => {
    expect(vanishedAttributes({}, { current: {}, unsure: [] }).vanished).toEqual([]);
  });
});

describe('isUnsure', () => {
  it('matches exact sources and kind:* patterns', () => {
    expect(isUnsure('file:a.attrs', ['file:*'])).toBe(true);
    expect(isUnsure('file:a.attrs', ['file:b.attrs'])).toBe(false);
    expect(isUnsure('filesystem', ['file:*'])).toBe(false);
    expect(isUnsure('metric:cpu', ['metric:cpu'])).toBe(true);
  });
});
