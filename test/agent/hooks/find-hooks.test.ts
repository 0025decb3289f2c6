import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHooks } from '../../../agent/hooks/find-hooks';
import { DEFAULT_HOOKS_OPTIONS } from '../../../agent/hooks/types';
import { silentLogger } from '../../../agent/log';
import { tempDir } from '../../support/temp-dir';

function hooksDir(files: Record<string, number>): string {
  const root = tempDir('og-hooksd-');
  mkdirSync(join(root, 'service'));
  for (const [name, mode] of Object.entries(files)) {
    const path = join(root, 'service', name);
    if (mode < 0) mkdirSync(path);
    else {
      writeFileSync(path, '#!/bin/sh\n');
      chmodSync(path, mode);
    }
  }
  return root;
}

describe('findHooks', () => {
  it('runs configured hooks first, then executable files of hooks.d/<event> in byte order', async () => {
    const dir = hooksDir({ '20-b': 0o755, '10-a.sh': 0o700, 'B-upper': 0o755, '30-plain': 0o644, sub: -1 });
    const hooks = await findHooks(
      'service',
      { ...DEFAULT_HOOKS_OPTIONS, directory: dir, commands: { service: ['/opt/x', ['/opt/y', '--flag']] } },
      silentLogger,
    );
    expect(hooks).toEqual([
      ['/opt/x'],
      ['/opt/y', '--flag'],
      [join(dir, 'service', '10-a.sh')],
      [join(dir, 'service', '20-b')],
      [join(dir, 'service', 'B-upper')],
    ]);
  });
  it('skips dotfiles, backups and package-manager leftovers', async () => {
    const dir = hooksDir({ '.hidden': 0o755, 'a~': 0o755, 'b.dpkg-old': 0o755, 'c.rpmnew': 0o755, 'd.disabled': 0o755, ok: 0o755 });
    expect(await findHooks('service', { ...DEFAULT_HOOKS_OPTIONS, directory: dir }, silentLogger)).toEqual([[join(dir, 'service', 'ok')]]);
  });
  it('treats a missing event directory, or directory "", as no hooks', async () => {
    const dir = hooksDir({});
    expect(await findHooks('vnet', { ...DEFAULT_HOOKS_OPTIONS, directory: dir }, silentLogger)).toEqual([]);
    expect(await findHooks('vnet', { ...DEFAULT_HOOKS_OPTIONS, directory: '', commands: { vnet: ['/x'] } }, silentLogger)).toEqual([
      ['/x'],
    ]);
  });
});

describe('findHooks: hooks that must not run (issue 18, bad input)', () => {
  function recording() {
    const lines: string[] = [];
    const log = { ...silentLogger, warn: (m: string) => lines.push(m) };
    return { lines, log };
  }

  it.each([
    ['the hooks directory', (root: string) => root],
    ['the event directory', (root: string) => join(root, 'service')],
  ])('runs nothing from a directory every user may write to: %s, with a warning naming it', async (_what, which) => {
    const dir = hooksDir({ ok: 0o755 });
    chmodSync(which(dir), 0o777);
    const { lines, log } = recording();
    expect(await findHooks('service', { ...DEFAULT_HOOKS_OPTIONS, directory: dir }, log)).toEqual([]);
    expect(lines).toEqual([
      `hooks: not running the hooks in ${join(dir, 'service')}: ${which(dir)} is writable by every user (chmod o-w ${which(dir)})`,
    ]);
  });

  it('skips a hook every user may write to, and one without its execute bit, each with a warning; the others run', async () => {
    const dir = hooksDir({ '10-open': 0o757, '20-plain': 0o644, '30-ok': 0o755 });
    chmodSync(join(dir, 'service', '10-open'), 0o757);
    const { lines, log } = recording();
    expect(await findHooks('service', { ...DEFAULT_HOOKS_OPTIONS, directory: dir }, log)).toEqual([[join(dir, 'service', '30-ok')]]);
    const open = join(dir, 'service', '10-open');
    const plain = join(dir, 'service', '20-plain');
    expect(lines).toEqual([
      `hooks: skipping ${open}: writable by every user (chmod o-w ${open})`,
      `hooks: skipping ${plain}: not executable (chmod +x ${plain} to run it)`,
    ]);
  });
});

describe('findHooks on Windows', () => {
  const win = { platform: 'win32' as const, env: { SystemRoot: 'C:\\Windows', ComSpec: 'C:\\Windows\\system32\\cmd.exe' } };
  it('takes .ps1, .cmd, .bat and .exe files whatever their mode, each with its interpreter, and skips the rest', async () => {
    const dir = hooksDir({ '10-a.ps1': 0o644, '20-b.CMD': 0o644, '30-c.exe': 0o644, '40-d.sh': 0o755, '50-notes.txt': 0o644 });
    const hooks = await findHooks('service', { ...DEFAULT_HOOKS_OPTIONS, directory: dir }, silentLogger, win);
    expect(hooks.map((argv) => [argv[0], argv.at(-1)])).toEqual([
      ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', join(dir, 'service', '10-a.ps1')],
      ['C:\\Windows\\system32\\cmd.exe', join(dir, 'service', '20-b.CMD')],
      [join(dir, 'service', '30-c.exe'), join(dir, 'service', '30-c.exe')],
    ]);
  });
});
