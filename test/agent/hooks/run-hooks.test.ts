import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHookRunner } from '../../../agent/hooks/run-hooks';
import { DEFAULT_HOOKS_OPTIONS, type HookInvocation } from '../../../agent/hooks/types';
import { captureLog } from '../../support/capture-log';
import { tempDir } from '../../support/temp-dir';

function setup(scripts: Record<string, string>) {
  const root = tempDir('og-hooks-');
  mkdirSync(join(root, 'hooks.d', 'service_role'), { recursive: true });
  for (const [name, body] of Object.entries(scripts)) {
    const path = join(root, 'hooks.d', 'service_role', name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  }
  const { lines, log } = captureLog();
  return { root, lines, log, options: { ...DEFAULT_HOOKS_OPTIONS, directory: join(root, 'hooks.d') } };
}

const invocation = (root: string): HookInvocation => ({
  event: 'service_role',
  oldPath: '/dev/null',
  newPath: join(root, 'service.json'),
  env: { ONEGATE_ROLE: 'web', ONEGATE_VMID: '42' },
});

describe('createHookRunner', () => {
  it('passes the event, old and new paths as arguments and ONEGATE_* in the environment', async () => {
    const t = setup({
      '10-record':
        'printf "%s|%s|%s|%s|%s|%s|%s\\n" "$1" "$2" "$3" "$ONEGATE_EVENT" "$ONEGATE_OLD" "$ONEGATE_NEW" "$ONEGATE_ROLE" > "$(dirname "$0")/../../out"',
    });
    const outcomes = await createHookRunner({ options: t.options, log: t.log })(invocation(t.root));
    expect(outcomes).toEqual([{ program: join(t.options.directory, 'service_role', '10-record'), ok: true }]);
    const newPath = join(t.root, 'service.json');
    expect(readFileSync(join(t.root, 'out'), 'utf8')).toBe(`service_role|/dev/null|${newPath}|service_role|/dev/null|${newPath}|web\n`);
  });

  it('logs a failing hook, keeps going with the next one, and logs output bounded', async () => {
    const t = setup({
      '10-fail': 'echo "about to fail" >&2; exit 3',
      '20-chatty': 'i=0; while [ $i -lt 100 ]; do echo "line $i"; i=$((i+1)); done',
    });
    const outcomes = await createHookRunner({ options: t.options, log: t.log })(invocation(t.root));
    expect(outcomes.map((o) => [o.ok, o.reason])).toEqual([
      [false, 'exit 3'],
      [true, undefined],
    ]);
    expect(t.lines).toContain('warn hook service_role 10-fail stderr: about to fail');
    expect(t.lines).toContain('warn hook service_role 10-fail failed: exit 3');
    expect(t.lines.filter((l) => l.includes('20-chatty stdout: line'))).toHaveLength(20);
    expect(t.lines).toContain('info hook service_role 20-chatty stdout: (80 more lines not logged)');
  });

  it('a hook printing megabytes: it runs to its end, a bounded part is logged (bad input, issue 18)', async () => {
    const t = setup({
      '10-flood': 'i=0; while [ $i -lt 64 ]; do head -c 131072 /dev/zero | tr "\\0" a; echo; i=$((i+1)); done; echo done >&2',
    });
    const outcomes = await createHookRunner({ options: t.options, log: t.log })(invocation(t.root));
    expect(outcomes.map((o) => o.ok)).toEqual([true]);
    expect(t.lines).toContain('info hook service_role 10-flood stderr: done');
    expect(t.lines.at(-1)).toMatch(/^info hook service_role 10-flood ok in \d+ ms$/);
    const logged = t.lines.filter((l) => l.includes('10-flood stdout'));
    expect(logged.length).toBeLessThanOrEqual(21);
    // 8 MiB printed, at most maxOutputBytes (4 KiB) of it logged.
    expect(logged.join('').length).toBeLessThan(8 * 1024);
  });

  it('kills a hook that outlives its timeout and reports it', async () => {
    const t = setup({ '10-sleep': 'exec sleep 30' });
    const started = Date.now();
    const outcomes = await createHookRunner({ options: { ...t.options, timeoutMs: 300 }, log: t.log })(invocation(t.root));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcomes[0]).toMatchObject({ ok: false, reason: 'timed out after 0.3 s' });
  });

  it('stops the running hook and runs no more when the agent shuts down', async () => {
    const t = setup({ '10-sleep': 'exec sleep 30', '20-never': 'touch "$(dirname "$0")/../../ran"' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const outcomes = await createHookRunner({ options: t.options, log: t.log, signal: abort.signal })(invocation(t.root));
    expect(outcomes).toEqual([
      { program: join(t.options.directory, 'service_role', '10-sleep'), ok: false, reason: 'stopped: the agent is shutting down' },
    ]);
    expect(existsSync(join(t.root, 'ran'))).toBe(false);
  });

  it('reports a configured hook that cannot start', async () => {
    const t = setup({});
    const options = { ...t.options, commands: { service_role: ['/nonexistent/hook'] } };
    const outcomes = await createHookRunner({ options, log: t.log })(invocation(t.root));
    expect(outcomes[0].ok).toBe(false);
    expect(outcomes[0].reason).toMatch(/^could not start: .*ENOENT/);
  });
});
