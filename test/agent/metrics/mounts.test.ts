import { describe, expect, it } from 'vitest';
import { type MountEntry, mountNames, parseMountinfo, parseMounts, selectMounts } from '../../../agent/metrics/mounts';

describe('parseMountinfo', () => {
  it.each([
    ['empty', '', []],
    ['no separator', '27 1 254:1 / / rw shared:1 ext4 /dev/vda1 rw', []],
    [
      'valid with optional fields and escapes',
      '33 27 254:3 /a\\040b /mnt/my\\011x rw shared:6 master:2 - btrfs /dev/vdc rw',
      [{ device: '254:3', root: '/a b', mountPoint: '/mnt/my\tx', fsType: 'btrfs' }],
    ],
  ])('%s', (_, text, expected) => {
    expect(parseMountinfo(text)).toEqual(expected);
  });
});

describe('parseMounts', () => {
  it('reads the old format and skips entries without an absolute mount point', () => {
    expect(parseMounts('/dev/root / ext3 rw 0 0\nnone none x\n')).toEqual([
      { device: '/dev/root', root: '/', mountPoint: '/', fsType: 'ext3' },
    ]);
  });
});

describe('selectMounts', () => {
  const e = (device: string, mountPoint: string, fsType = 'ext4', root = '/'): MountEntry => ({ device, mountPoint, fsType, root });
  const table = [
    e('1:1', '/'),
    e('0:5', '/proc', 'proc'),
    e('1:2', '/data', 'xfs'),
    e('1:2', '/a', 'xfs', '/sub'),
    e('0:9', '/nfs', 'nfs4'),
    e('1:3', '/data/x'),
  ];
  it('picks local filesystems once per device by default', () => {
    expect(selectMounts(table, {})).toEqual(['/', '/data', '/data/x']);
  });
  it('honours fsTypes and excludeMounts', () => {
    expect(selectMounts(table, { fsTypes: ['xfs', 'nfs4'] })).toEqual(['/data', '/nfs']);
    // A bind mount elsewhere is another mount point: only paths under /data go.
    expect(selectMounts(table, { excludeMounts: ['/data'] })).toEqual(['/', '/a']);
  });
  it('takes explicit mounts of any type when they are mounted', () => {
    expect(selectMounts(table, { mounts: ['/nfs', '/gone', '/'] })).toEqual(['/nfs', '/']);
  });
  it('uses the last of several mounts on one path', () => {
    expect(selectMounts([e('1:1', '/'), e('0:7', '/', 'overlay')], {})).toEqual([]);
  });
});

describe('mountNames', () => {
  it('derives distinct upper-case names', () => {
    expect(Object.fromEntries(mountNames(['/', '/var/lib', '/var-lib', '/é']))).toEqual({
      '/': 'ROOT',
      '/var-lib': 'VAR_LIB',
      '/var/lib': 'VAR_LIB_2',
      '/é': 'MOUNT',
    });
  });
});
