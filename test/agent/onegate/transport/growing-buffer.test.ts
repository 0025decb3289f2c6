// The body and head store of the response parser: bytes in order, a hard limit, blocks joined only on view.
import { describe, expect, it } from 'vitest';
import { GrowingBuffer } from '../../../../agent/onegate/transport/growing-buffer';

describe('GrowingBuffer', () => {
  it('keeps bytes in order across blocks, whatever the pieces', () => {
    const b = new GrowingBuffer(10_000, 4);
    const text = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    for (let i = 0; i < text.length; i += 7) expect(b.append(Buffer.from(text.slice(i, i + 7)))).toBe(true);
    expect(b.length).toBe(3000);
    expect(b.view().toString()).toBe(text);
    b.append(Buffer.from('XYZ'));
    expect(b.view().toString()).toBe(`${text}XYZ`);
  });

  it('refuses, copying nothing, what would pass the limit', () => {
    const b = new GrowingBuffer(5);
    expect(b.append(Buffer.from('abcd'))).toBe(true);
    expect(b.append(Buffer.from('ef'))).toBe(false);
    expect(b.append(Buffer.from('abcdef'), 5, 6)).toBe(true);
    expect(b.view().toString()).toBe('abcdf');
  });

  it('copies out of the source: changing it later changes nothing', () => {
    const src = Buffer.from('body');
    const b = new GrowingBuffer(100);
    b.append(src);
    src.fill(0);
    expect(b.view().toString()).toBe('body');
  });

  it('a body of known length is one block of that length: view() does not copy it again', () => {
    const b = new GrowingBuffer(1 << 20, 300);
    b.append(Buffer.alloc(100, 1));
    b.append(Buffer.alloc(200, 2));
    const first = b.view();
    expect(first.buffer.byteLength).toBe(300);
    expect(b.view().buffer).toBe(first.buffer);
  });

  it('an empty buffer views as empty', () => {
    expect(new GrowingBuffer(10).view().length).toBe(0);
  });
});
