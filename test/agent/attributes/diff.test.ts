import { describe, expect, it } from 'vitest';
import { diffAttributes } from '../../../agent/attributes/diff';

describe('diffAttributes', () => {
  it('reports new, changed and removed names', () => {
    expect(diffAttributes({ A: '1.00', B: 'x', GONE: '1' }, { A: '1.00', B: 'y', NEW: '2' })).toEqual({
      changed: { B: 'y', NEW: '2' },
      removed: ['GONE'],
    });
  });
  it('counts a numeric change below the threshold as unchanged', () => {
    const prev = { CPU: '50.00', MEM: '10.00' };
    expect(diffAttributes(prev, { CPU: '50.99', MEM: '11.00' }, { threshold: 1 }).changed).toEqual({ MEM: '11.00' });
    expect(diffAttributes(prev, { CPU: '49.01', MEM: '8.99' }, { threshold: 1 }).changed).toEqual({ MEM: '8.99' });
  });
  it('sends any change with threshold 0', () => {
    expect(diffAttributes({ A: '1.00' }, { A: '1.01' }).changed).toEqual({ A: '1.01' });
  });
  it('applies per-name thresholds', () => {
    const d = diffAttributes({ A: '10', B: '10' }, { A: '14', B: '14' }, { threshold: 1, thresholds: { A: 5 } });
    expect(d.changed).toEqual({ B: '14' });
  });
  it('compares text that is not a plain number as text', () => {
    expect(diffAttributes({ A: 'v1', B: '1e3' }, { A: 'v2', B: '1000' }, { threshold: 100 }).changed).toEqual({ A: 'v2', B: '1000' });
  });
});
