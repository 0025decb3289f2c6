import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverContext } from '../../../../agent/context/discover';
import { tempDir } from '../../../support/temp-dir';
import { fakeBin } from '../fake-programs';

const ROOTS = path.join(__dirname, '../../../fixtures/context/roots');
const SAMPLE = path.join(__dirname, '../../../fixtures/context/samples/kvm-typical');
const root = (name: string): string => path.join(ROOTS, name);
const NO_PROGRAMS = { PATH: '/nonexistent' };

describe('CONTEXT media', () => {
  it('KVM: a cd-rom found through /dev/disk/by-label/CONTEXT, read by the ISO reader', async () => {
    const ctx = await discoverContext({ root: root('cdrom'), env: NO_PROGRAMS });
    expect(ctx).toMatchObject({ source: 'cdrom', endpoint: 'http://10.20.0.1:5030', vmid: '1187', token: 'yCxieDUS7kra7Vn9ILA0+g==' });
    expect(ctx.sources.token).toBe(`token.txt on ${root('cdrom')}/dev/sr0`);
    expect(ctx.vars.SSH_PUBLIC_KEY.split('\n')).toHaveLength(2);
  });
  it('Firecracker: a virtio disk found by scanning /sys/class/block and reading labels', async () => {
    const ctx = await discoverContext({ root: root('firecracker'), env: NO_PROGRAMS });
    expect(ctx).toMatchObject({ source: 'block', vmid: '1187' });
    expect(ctx.sources.vars).toBe(`context.sh on ${root('firecracker')}/dev/vdb`);
  });
  it('an IDE cd-rom (hdc, absolute by-label link, listed in /proc/sys/dev/cdrom/info), plain ISO names', async () => {
    const ctx = await discoverContext({ root: root('ide-cdrom'), env: NO_PROGRAMS });
    expect(ctx).toMatchObject({ source: 'cdrom', vmid: '1187', token: 'yCxieDUS7kra7Vn9ILA0+g==' });
  });
  it('loop devices are never taken for the context', async () => {
    expect((await discoverContext({ root: root('loop-only'), env: NO_PROGRAMS })).source).toBe('none');
  });
});

describe('CONTEXT media fallbacks through programs', () => {
  const bin = fakeBin();
  const work = tempDir('media-');

  it('blkid -L CONTEXT when neither by-label nor sysfs find it', async () => {
    const tree = path.join(work, 'blkid-root');
    mkdirSync(path.join(tree, 'dev'), { recursive: true });
    copyFileSync(path.join(root('cdrom'), 'dev/sr0'), path.join(tree, 'dev/sr1'));
    bin.add('blkid', '[ "$1 $2" = "-L CONTEXT" ] && echo /dev/sr1');
    const ctx = await discoverContext({ root: tree, env: { PATH: bin.path } });
    expect(ctx).toMatchObject({ source: 'cdrom', vmid: '1187' });
  });
  it('a read-only mount when the image is not readable as ISO 9660', async () => {
    const tree = path.join(work, 'mount-root');
    mkdirSync(path.join(tree, 'dev/disk/by-label'), { recursive: true });
    writeFileSync(path.join(tree, 'dev/vdc'), Buffer.alloc(40 * 1024, 1)); // e.g. a vfat image labelled CONTEXT
    symlinkSync('../../vdc', path.join(tree, 'dev/disk/by-label/CONTEXT'));
    const log = path.join(work, 'mount.log');
    // The fake mount checks it was asked for a read-only mount of the device, then provides the files.
    bin.add(
      'mount',
      `echo "mount $*" >> ${log}; [ "$1 $2 $3" = "-o ro ${tree}/dev/vdc" ] && cp ${SAMPLE}/context.sh ${SAMPLE}/token.txt "$4"`,
    );
    bin.add('umount', `echo "umount $*" >> ${log}; rm -f "$1"/*`);
    const ctx = await discoverContext({ root: tree, env: { PATH: bin.path } });
    expect(ctx).toMatchObject({ source: 'block', vmid: '1187', token: 'yCxieDUS7kra7Vn9ILA0+g==' });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBe(`umount ${calls[0].split(' ').pop()}`);
  });
});
