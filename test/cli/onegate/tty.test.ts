// On a terminal, headers are bold and underlined (ROLE headers bold only), padded to 80 (scr_bold, scr_underline, print_header: share/onegate/onegate l.530-556 at release-7.4.0).
// util-linux `script` provides the terminal; without it the test is skipped, saying why.
// Once, not per server version: the terminal codes are the client's (service show's text is in commands/, on each version).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { CLI, EMPTY_ROOT, startWorld, vmEnv } from './helpers';

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('text output on a terminal (needs util-linux script)', () => {
  const sim = perSuite(() => startWorld('spec-service'));

  it('service show draws the headers with ANSI codes', async () => {
    const env = { PATH: process.env.PATH, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT, ...vmEnv(sim, 42) };
    const { spawn } = await import('node:child_process');
    const out = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qfec', `${process.execPath} ${CLI} service show`, '/dev/null'], { env });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        text += d;
      });
      child.on('close', () => resolve(text.replace(/\r\n/g, '\n')));
    });
    expect(out).toContain(`\x1b[1m\x1b[4mSERVICE 7${' '.repeat(71)}\x1b[0m\nNAME                : my svc              \n`);
    expect(out).toContain(`\x1b[1mROLE frontend${' '.repeat(67)}\x1b[0m\n\x1b[1m\x1b[4mVM 42${' '.repeat(75)}\x1b[0m\n`);
  });
});
