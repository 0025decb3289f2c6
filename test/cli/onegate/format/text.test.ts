import { describe, expect, it } from 'vitest';
import { header, keyValue, padCodePoints } from '../../../../cli/onegate/format/text';

describe('text primitives', () => {
  it('pads keys and values to 20 columns with trailing spaces', () => {
    expect(keyValue('NAME', 'web-0')).toBe(`NAME${' '.repeat(16)}: web-0${' '.repeat(15)}\n`);
  });
  it('leaves longer values unpadded and untruncated', () => {
    expect(keyValue('NAME', 'frontend_0_(service_7)')).toBe(`NAME${' '.repeat(16)}: frontend_0_(service_7)\n`);
  });
  it('prints a missing value as 20 spaces', () => {
    expect(keyValue('IP', undefined)).toBe(`IP${' '.repeat(18)}: ${' '.repeat(20)}\n`);
  });
  it('counts Unicode code points, not UTF-16 units (é😀 padded to 6 gives four spaces)', () => {
    expect(padCodePoints('é😀', 6)).toBe('é😀    ');
    expect(keyValue('EMOJI', 'ready 🚀')).toBe(`EMOJI${' '.repeat(15)}: ready 🚀${' '.repeat(13)}\n`);
  });
  it('headers are plain off a terminal', () => {
    expect(header('VM 42', false)).toBe('VM 42\n');
  });
  it('headers are bold, underlined and padded to 80 on a terminal; ROLE headers are not underlined', () => {
    expect(header('SERVICE 7', true)).toBe(`\x1b[1m\x1b[4mSERVICE 7${' '.repeat(71)}\x1b[0m\n`);
    expect(header('ROLE frontend', true, false)).toBe(`\x1b[1mROLE frontend${' '.repeat(67)}\x1b[0m\n`);
  });
});
