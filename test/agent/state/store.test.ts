import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../agent/log';
import { loadState, saveState, statePath } from '../../../agent/state/store';
import { emptyState } from '../../../agent/state/types';
import { tempDir } from '../../support/temp-dir';

describe('state store', () => {
  it('starts fresh without a file and round-trips a saved state, mode 0600 in a 0700 directory', () => {
    const dir = join(tempDir('oga-state-'), 'state');
    expect(loadState(dir, silentLogger)).toEqual(emptyState());
    const state = emptyState();
    state.push.pending = { A: '1' };
    state.push.owners = { A: 'static', B: 'file:b.attrs' };
    state.push.erasing = ['C'];
    state.ready = { status: 'reported', attempts: 0, bootId: 'b', fingerprint: 'f' };
    saveState(dir, state);
    expect(loadState(dir, silentLogger)).toEqual(state);
    expect(statSync(statePath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('loads a file written before attribute owners were recorded: none recorded, none to erase, the rest kept', () => {
    const state = loadState(resolve('test/fixtures/state/before-owners'), silentLogger);
    expect(state.push).toMatchObject({ pending: { ROLE: 'db' }, sent: { APP_VERSION: '1.2' }, cycle: 12, owners: {}, erasing: [] });
    expect(state.ready.status).toBe('reported');
  });

  it('refuses owners and erasures of the wrong shape', () => {
    for (const push of ['{"pending":{},"sent":{},"cycle":0,"owners":[]}', '{"pending":{},"sent":{},"cycle":0,"erasing":[1]}']) {
      const dir = tempDir('oga-state-');
      writeFileSync(statePath(dir), `{"version":1,"push":${push}}`);
      expect(loadState(dir, silentLogger)).toEqual(emptyState());
    }
  });

  it('keeps a corrupt file aside and starts fresh, with a warning', () => {
    const dir = tempDir('oga-state-');
    writeFileSync(statePath(dir), '{"version":1,"push":{"pending":[1]}}');
    const warnings: string[] = [];
    expect(loadState(dir, { ...silentLogger, warn: (m) => warnings.push(m) })).toEqual(emptyState());
    expect(warnings[0]).toMatch(/state\.json is not valid \(bad push section\); kept as .*state\.json\.corrupt/);
    expect(readFileSync(`${statePath(dir)}.corrupt`, 'utf8')).toContain('"pending":[1]');
    expect(existsSync(statePath(dir))).toBe(false);
  });
});
