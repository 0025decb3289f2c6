import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsoError } from '../../../agent/context/errors';
import { listIsoRoot, readIsoFiles, readIsoLabel } from '../../../agent/context/iso9660';
import { type ReadAt, withReadAt } from '../../../agent/context/read-at';
import { tempDir } from '../../support/temp-dir';

const FIXTURES = path.join(__dirname, '../../fixtures/context');
const CHECKED_IN = path.join(FIXTURES, 'roots/cdrom/dev/sr0'); // genisoimage -no-pad -V CONTEXT -J -R of samples/kvm-typical
const SAMPLE = path.join(FIXTURES, 'samples/kvm-typical');
const HAS_GENISOIMAGE = spawnSync('genisoimage', ['-version']).status === 0;

function memory(image: Buffer): ReadAt {
  return async (offset, length) => image.subarray(offset, offset + length);
}

describe('ISO 9660 reader on the checked-in image', () => {
  it('reads the label, the Rock Ridge names and the files', async () => {
    await withReadAt(CHECKED_IN, async (read) => {
      expect(await readIsoLabel(read)).toBe('CONTEXT');
      expect((await listIsoRoot(read)).map((e) => [e.name, e.exact, e.directory])).toEqual([
        ['context.sh', true, false],
        ['token.txt', true, false],
      ]);
      const files = await readIsoFiles(read, ['context.sh', 'token.txt', 'missing.txt']);
      expect(files.get('context.sh')).toEqual(readFileSync(path.join(SAMPLE, 'context.sh')));
      expect(files.get('token.txt')?.toString()).toBe('yCxieDUS7kra7Vn9ILA0+g==\n');
      expect(files.has('missing.txt')).toBe(false);
    });
  });
  it('is not fooled by other data', async () => {
    expect(await readIsoLabel(memory(Buffer.alloc(64 * 1024)))).toBeUndefined();
    expect(await readIsoLabel(memory(Buffer.alloc(100)))).toBeUndefined();
    await expect(listIsoRoot(memory(Buffer.alloc(64 * 1024)))).rejects.toThrow(IsoError);
  });
  it('reports a truncated image as an IsoError', async () => {
    const image = readFileSync(CHECKED_IN);
    await expect(readIsoFiles(memory(image.subarray(0, 19 * 2048)), ['context.sh'])).rejects.toThrow(IsoError);
  });
  it('reports a corrupt directory record as an IsoError', async () => {
    const image = Buffer.from(readFileSync(CHECKED_IN));
    const rootExtent = image.readUInt32LE(16 * 2048 + 156 + 2);
    image[rootExtent * 2048] = 5; // a record length below the minimum of 34
    await expect(listIsoRoot(memory(image))).rejects.toThrow(/bad directory record/);
  });
});

describe.skipIf(!HAS_GENISOIMAGE)('ISO 9660 reader on images made by genisoimage (skipped: genisoimage not installed)', () => {
  const work = tempDir('iso-');
  const tree = path.join(work, 'tree');
  mkdirSync(tree);
  const long = `${'long-name-'.repeat(18)}.txt`;
  const files: Record<string, Buffer> = {
    'context.sh': readFileSync(path.join(SAMPLE, 'context.sh')),
    'token.txt': Buffer.from('dG9rZW4=\n'),
    [long]: Buffer.from('long'),
    'café.sh': Buffer.from('unicode'),
    'big.bin': Buffer.alloc(300 * 1024, 0x5a),
  };
  for (let i = 0; i < 120; i++) files[`init-${i}.sh`] = Buffer.from(`echo ${i}\n`); // a root directory over several sectors
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(tree, name), data);

  function image(name: string, flags: string[]): string {
    const out = path.join(work, name);
    const r = spawnSync('genisoimage', ['-quiet', '-o', out, '-V', 'CONTEXT', '-input-charset', 'utf-8', ...flags, tree]);
    expect(r.status, r.stderr.toString()).toBe(0);
    return out;
  }

  it('Rock Ridge + Joliet (what oned builds): exact names, long names, every file', async () => {
    await withReadAt(image('rr-joliet.iso', ['-J', '-R', '-joliet-long']), async (read) => {
      const got = await readIsoFiles(read, Object.keys(files));
      for (const [name, data] of Object.entries(files)) expect(got.get(name), name).toEqual(data);
    });
  });
  it('Joliet only', async () => {
    await withReadAt(image('joliet.iso', ['-J']), async (read) => {
      const names = (await listIsoRoot(read)).map((e) => e.name);
      expect(names).toContain('café.sh');
      expect((await readIsoFiles(read, ['context.sh'])).get('context.sh')).toEqual(files['context.sh']);
    });
  });
  it('plain ISO 9660 names (upper case 8.3) still find context.sh and token.txt', async () => {
    await withReadAt(image('plain.iso', []), async (read) => {
      expect((await listIsoRoot(read)).every((e) => !e.exact)).toBe(true);
      const got = await readIsoFiles(read, ['context.sh', 'token.txt']);
      expect(got.get('token.txt')).toEqual(files['token.txt']);
    });
  });
});
