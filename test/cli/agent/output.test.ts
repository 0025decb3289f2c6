// cli/agent/output.ts, the one writer of `onegate-agent`: each layout, the errors with the command name,
// the usage after an argument error.
import { describe, expect, it } from 'vitest';
import type { Health } from '../../../agent/state/health';
import type { AgentResult } from '../../../cli/agent/commands/types';
import { writeResult } from '../../../cli/agent/output';

function written(name: string, result: AgentResult): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = writeResult(name, result, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

describe('onegate-agent output', () => {
  it.each([
    ['text as it is', { layout: 'text', data: 'Usage: x\n' }, 'Usage: x\n'],
    ['JSON indented, one newline', { layout: 'json', data: { a: [1] } }, '{\n  "a": [\n    1\n  ]\n}\n'],
    ['attributes as KEY=VALUE lines', { layout: 'attributes', data: { ROLE: 'db', TIER: 'a=b' } }, 'ROLE=db\nTIER=a=b\n'],
    ['no attributes: nothing', { layout: 'attributes', data: {} }, ''],
  ] as const)('%s', (_case, output, stdout) => {
    expect(written('once', { code: 0, output })).toEqual({ code: 0, stdout, stderr: '' });
  });

  it('renders the status summary', () => {
    const health: Health = { code: 2, state: 'not running', problems: ['no status file: the daemon has not run since boot'] };
    const r = written('status', { code: 2, output: { layout: 'status', data: { health, doc: undefined, alive: false, now: 0 } } });
    expect(r).toEqual({
      code: 2,
      stdout: 'status:  not running\nproblems:\n  no status file: the daemon has not run since boot\n',
      stderr: '',
    });
  });

  it('prefixes each error with the command and puts the usage after them', () => {
    const r = written('run', { code: 1, errors: ["Unknown option '--x'", 'second'], usage: 'Usage: onegate-agent run\n' });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: "onegate-agent run: Unknown option '--x'\nonegate-agent run: second\nUsage: onegate-agent run\n",
    });
    expect(written('', { code: 1, errors: ['unknown command "x"'] }).stderr).toBe('onegate-agent: unknown command "x"\n');
  });
});
