import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { discoverContext } from '../../../../agent/context/discover';
import { captureLog } from '../../../support/capture-log';
import { tempDir } from '../../../support/temp-dir';
import { fakeBin } from '../fake-programs';

const SAMPLE = path.join(__dirname, '../../../fixtures/context/samples/kvm-typical');
const EMPTY_ROOT = path.join(__dirname, '../../../fixtures/context/roots/empty');

describe('vCenter: VMware guestinfo through vmtoolsd', () => {
  const bin = fakeBin();
  const store = tempDir('guestinfo-');
  // Like vmtoolsd: prints the value of a set key, fails with "No value found" otherwise.
  bin.add(
    'vmtoolsd',
    `[ "$1" = --cmd ] || exit 2; key=\${2#info-get }; [ -f "${store}/$key" ] || { echo "No value found" >&2; exit 1; }; cat "${store}/$key"`,
  );
  const set = (key: string, value: string): void => writeFileSync(path.join(store, key), value);

  beforeEach(() => {
    rmSync(store, { recursive: true, force: true });
    mkdirSync(store);
  });

  it('context.sh from guestinfo.opennebula.context, token.txt from guestinfo.opennebula.file.N', async () => {
    const b64 = (file: string): string => readFileSync(path.join(SAMPLE, file)).toString('base64');
    set('guestinfo.opennebula.context', `${b64('context.sh')}\n`);
    set('guestinfo.opennebula.file.0', `init.sh\n${Buffer.from('echo hi\n').toString('base64')}\n`);
    set('guestinfo.opennebula.file.1', `token.txt\n${b64('token.txt').replace(/(.{8})/g, '$1\n')}\n`);
    const ctx = await discoverContext({ root: EMPTY_ROOT, env: { PATH: bin.path } });
    expect(ctx).toMatchObject({ source: 'vmware', endpoint: 'http://10.20.0.1:5030', vmid: '1187', token: 'yCxieDUS7kra7Vn9ILA0+g==' });
    expect(ctx.sources.token).toBe('token.txt on VMware guestinfo');
  });
  it('no context key: not a vmware guest, nothing found', async () => {
    expect((await discoverContext({ root: EMPTY_ROOT, env: { PATH: bin.path } })).source).toBe('none');
  });
  it('a context key that is not base64 is an error naming the key', async () => {
    set('guestinfo.opennebula.context', 'not base64!\n');
    await expect(discoverContext({ root: EMPTY_ROOT, env: { PATH: bin.path } })).rejects.toThrow(
      'VMware guestinfo guestinfo.opennebula.context: value is not base64',
    );
  });
  it('without vmtoolsd (KVM), nothing is run and nothing is said above debug', async () => {
    const { lines, log } = captureLog();
    const ctx = await discoverContext({ root: EMPTY_ROOT, env: { PATH: '/nonexistent' }, log });
    expect(ctx.source).toBe('none');
    expect(lines).toEqual([]);
  });
});
