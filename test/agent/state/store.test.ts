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

  // Damaged files (issue 18, bad input): what cannot be read is kept aside and the warning says what is lost;
  // a bad section costs only itself, never the pending attributes of a good push section.
  function load(text: string) {
    const dir = tempDir('oga-state-');
    writeFileSync(statePath(dir), text);
    const warnings: string[] = [];
    const state = loadState(dir, { ...silentLogger, warn: (m) => warnings.push(m) });
    return { dir, state, warnings, corrupt: readFileSync(`${statePath(dir)}.corrupt`, 'utf8') };
  }
  const PUSH = '"push":{"pending":{"QUEUE":"7"},"sent":{},"cycle":3}';

  it.each([
    ['cut off', `{"version":1,${PUSH.slice(0, 30)}`, 'not JSON: cut off or damaged'],
    ['empty', '', 'not JSON: cut off or damaged'],
    ['binary', '\u0000\u0001\u00ff', 'not JSON: cut off or damaged'],
    ['a JSON array', '[1,2]', 'unknown format'],
    ['another version', `{"version":2,${PUSH}}`, 'unknown format'],
  ])('a file %s: kept aside whole, a fresh state, and the warning says pending attributes are not sent', (_what, text, why) => {
    const r = load(text);
    expect(r.state).toEqual(emptyState());
    expect(r.warnings).toEqual([
      `state: ${statePath(r.dir)} is not valid (${why}); kept as ${statePath(r.dir)}.corrupt, starting fresh: attributes pending in it are not sent until their source gives them again, and READY may be reported again`,
    ]);
    expect(r.corrupt).toBe(text);
    expect(existsSync(statePath(r.dir))).toBe(false);
  });

  it.each([
    ['pending is a list', '{"version":1,"push":{"pending":[1]}}', 'push'],
    ['a pending value is a number', '{"version":1,"push":{"pending":{"A":1},"sent":{},"cycle":0}}', 'push'],
    ['cycle is a string', '{"version":1,"push":{"pending":{},"sent":{},"cycle":"3"}}', 'push'],
    ['push is a string', '{"version":1,"push":"x"}', 'push'],
  ])('a push section whose %s: reset, and the warning says what that costs', (_what, text, section) => {
    const r = load(text);
    expect(r.state).toEqual(emptyState());
    expect(r.warnings[0]).toBe(
      `state: ${statePath(r.dir)}: bad ${section} section reset, the rest kept (copy in ${statePath(r.dir)}.corrupt); attributes pending in it are not sent until their source gives them again, and READY may be reported again`,
    );
    expect(r.corrupt).toBe(text);
  });

  it.each([
    ['lb.published is a list', `{"version":1,${PUSH},"lb":{"published":["A"]}}`, 'lb'],
    ['ready.status is a number', `{"version":1,${PUSH},"ready":{"status":2}}`, 'ready'],
    ['pull is a list', `{"version":1,${PUSH},"pull":[1]}`, 'pull'],
  ])('another section whose %s: only it is reset, the pending attributes are kept', (_what, text, section) => {
    const r = load(text);
    expect(r.state.push.pending).toEqual({ QUEUE: '7' });
    expect(r.state.push.cycle).toBe(3);
    expect(r.warnings).toEqual([
      `state: ${statePath(r.dir)}: bad ${section} section reset, the rest kept (copy in ${statePath(r.dir)}.corrupt)`,
    ]);
  });
});
