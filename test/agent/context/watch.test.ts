import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverContext } from '../../../agent/context/discover';
import type { ResolvedContext } from '../../../agent/context/types';
import { type ContextWatcher, watchContext } from '../../../agent/context/watch';
import type { Logger } from '../../../agent/log';
import { fakeClock } from '../../support/fake-clock';
import { tempDir } from '../../support/temp-dir';
import { fakeBin } from './fake-programs';

const ROOTS = path.join(__dirname, '../../fixtures/context/roots');
const NO_PROGRAMS = { PATH: '/nonexistent' };

function copyRoot(name: string): string {
  const dir = tempDir('watch-');
  cpSync(path.join(ROOTS, name), dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** A vmtoolsd on PATH answering guestinfo.opennebula.context with a context holding VMID `vmid`, changeable. */
function fakeVcenter(vmid: string): { env: { PATH: string }; setVmid(vmid: string): void } {
  const bin = fakeBin();
  const store = tempDir('gi-');
  bin.add('vmtoolsd', `cat "${store}/\${2#info-get }" 2>/dev/null || exit 1`);
  const setVmid = (id: string): void => {
    const context = Buffer.from(`ONEGATE_ENDPOINT='http://h:1'\nVMID='${id}'\n`).toString('base64');
    writeFileSync(path.join(store, 'guestinfo.opennebula.context'), context);
  };
  setVmid(vmid);
  return { env: { PATH: bin.path }, setVmid };
}

describe('watchContext', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  function start(
    root: string,
    extra: Partial<Parameters<typeof watchContext>[0]> = {},
  ): { w: ContextWatcher; seen: ResolvedContext[]; warnings: string[] } {
    const seen: ResolvedContext[] = [];
    const warnings: string[] = [];
    const log: Logger = { error: () => {}, warn: (m) => warnings.push(m), info: () => {}, debug: () => {} };
    const w = watchContext({ root, env: NO_PROGRAMS, intervalMs: 60_000, log, onChange: (c) => seen.push(c), ...extra });
    cleanups.push(() => w.close());
    return { w, seen, warnings };
  }

  it('the first check reports the context; unchanged files report nothing', async () => {
    const { w, seen } = start(copyRoot('lxc'));
    await w.check();
    await w.check();
    expect(seen.map((c) => c.token)).toEqual(['yCxieDUS7kra7Vn9ILA0+g==']);
  });
  it('a new token.txt in /context is reported (LXC)', async () => {
    const root = copyRoot('lxc');
    const initial = await discoverContext({ root, env: NO_PROGRAMS });
    const { w, seen } = start(root, { initial });
    await w.check();
    expect(seen).toEqual([]);
    writeFileSync(path.join(root, 'context/token.txt'), 'bmV3\n');
    await w.check();
    expect(seen.map((c) => c.token)).toEqual(['bmV3']);
  });
  it('a swapped CONTEXT cd-rom is reported when its content differs; a removed medium once confirmed', async () => {
    const root = copyRoot('cdrom');
    const device = path.join(root, 'dev/sr0');
    const initial = await discoverContext({ root, env: NO_PROGRAMS });
    const { w, seen } = start(root, { initial });
    cpSync(path.join(ROOTS, 'ide-cdrom/dev/hdc'), device); // another image of the same context
    await w.check();
    expect(seen).toEqual([]);
    const image = readFileSync(device);
    image.write("VMID='1188'", image.indexOf("VMID='1187'"), 'latin1'); // same length: the ISO layout stays valid
    writeFileSync(device, image);
    await w.check();
    expect(seen.map((c) => c.vmid)).toEqual(['1188']);
    writeFileSync(device, Buffer.alloc(64 * 1024)); // the medium is gone
    await w.check();
    expect(seen).toHaveLength(1);
    await w.check();
    expect(seen.map((c) => c.source)).toEqual(['cdrom', 'none']);
  });
  it('an invalid context is reported once as a warning and the previous one kept', async () => {
    const root = copyRoot('lxc');
    const { w, seen, warnings } = start(root);
    await w.check();
    writeFileSync(path.join(root, 'context/context.sh'), 'VMID=$(id)\n');
    await w.check();
    await w.check();
    expect(seen).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not a context file: line 1.*keeping the previous context/);
  });
  it('a credential that disappears once (half-written one_env) is not reported', async () => {
    const root = copyRoot('one-env');
    const { w, seen } = start(root);
    await w.check();
    const file = path.join(root, 'var/run/one-context/one_env');
    writeFileSync(file, 'export TOKENTXT="b25lLWVudi10b2tlbg=="\n');
    await w.check();
    writeFileSync(file, 'export TOKENTXT="b25lLWVudi10b2tlbg=="\nexport VMID="5"\nexport ONEGATE_ENDPOINT="http://10.0.0.2:5030"\n');
    await w.check();
    expect(seen.map((c) => c.endpoint)).toEqual(['http://10.0.0.1:5030', 'http://10.0.0.2:5030']);
  });
  it('vCenter: guestinfo is re-read every rereadIntervalMs and compared by content', async () => {
    const vcenter = fakeVcenter('1');
    const { w, seen } = start(copyRoot('empty'), { env: vcenter.env, rereadIntervalMs: 0 });
    await w.check();
    await w.check();
    vcenter.setVmid('2');
    await w.check();
    expect(seen.map((c) => [c.source, c.vmid])).toEqual([
      ['vmware', '1'],
      ['vmware', '2'],
    ]);
  });
  it('vCenter: with an injected clock, guestinfo is not re-read before rereadIntervalMs has passed', async () => {
    const vcenter = fakeVcenter('1');
    const clock = fakeClock();
    const { w, seen } = start(copyRoot('empty'), { env: vcenter.env, rereadIntervalMs: 30_000, clock });
    await w.check();
    vcenter.setVmid('2');
    await clock.advance(29_999); // the poll timer (60 s) does not fire on the way
    await w.check();
    expect(seen.map((c) => c.vmid)).toEqual(['1']);
    await clock.advance(1);
    await w.check();
    expect(seen.map((c) => c.vmid)).toEqual(['1', '2']);
  });
  it('with an injected clock, the poll timer is one timer at now + interval, re-armed after each check and gone after close', async () => {
    const clock = fakeClock();
    const start0 = clock.now();
    const { w } = start(copyRoot('lxc'), { intervalMs: 5_000, clock });
    expect(clock.timers).toEqual([start0 + 5_000]);
    await clock.advance(5_000);
    for (let i = 0; i < 100 && clock.timers.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(clock.timers).toEqual([start0 + 10_000]);
    w.close();
    expect(clock.timers).toEqual([]);
  });
  it('the timer checks by itself, and aborting stops it', async () => {
    const controller = new AbortController();
    const root = copyRoot('lxc');
    const { seen } = start(root, { intervalMs: 20, signal: controller.signal });
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
    controller.abort();
    writeFileSync(path.join(root, 'context/token.txt'), 'bmV3\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(1);
  });
});

describe('watchContext on a Firecracker guest without udev', () => {
  it('a CONTEXT disk attached later is found through the sysfs listing', async () => {
    const root = tempDir('watch-fc-');
    cpSync(path.join(ROOTS, 'firecracker'), root, { recursive: true });
    rmSync(path.join(root, 'sys/class/block/vdb'), { recursive: true });
    const seen: ResolvedContext[] = [];
    const w = watchContext({ root, env: NO_PROGRAMS, intervalMs: 60_000, onChange: (c) => seen.push(c) });
    await w.check();
    cpSync(path.join(ROOTS, 'firecracker/sys/class/block/vdb'), path.join(root, 'sys/class/block/vdb'), { recursive: true });
    await w.check();
    w.close();
    expect(seen.map((c) => c.source)).toEqual(['none', 'block']);
  });
});
