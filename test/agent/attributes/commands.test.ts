import { describe, expect, it } from 'vitest';
import { runAttributeCommands } from '../../../agent/attributes/commands';

describe('runAttributeCommands', () => {
  it('parses standard output of every command, reporting bad lines', async () => {
    const r = await runAttributeCommands([
      { command: ['sh', '-c', 'echo QUEUE=12; echo oops; echo ROLE=db'] },
      { command: ['printf', 'ROLE=web\\n'] },
    ]);
    expect(r.values).toEqual({ QUEUE: '12', ROLE: 'web' });
    expect(r.problems).toEqual(['sh -c echo QUEUE=12; echo oops; echo ROLE=db:2: no "=" in "oops"']);
  });
  it('ignores the output of a program that fails, times out or cannot start', async () => {
    const r = await runAttributeCommands([
      { command: ['sh', '-c', 'echo A=1; echo broken >&2; exit 3'] },
      { command: ['sh', '-c', 'echo B=1; exec sleep 5'], timeoutMs: 200 },
      { command: ['/nonexistent/attr-program'] },
      { command: [] },
      { command: ['sh', '-c', 'echo A=1; head -c 70000 /dev/zero | tr "\\0" x'] },
    ]);
    expect(r.values).toEqual({});
    expect(r.problems).toEqual([
      'sh -c echo A=1; echo broken >&2; exit 3: exit status 3: broken; its output is ignored',
      'sh -c echo B=1; exec sleep 5: killed after 200 ms; its output is ignored',
      expect.stringMatching(/^\/nonexistent\/attr-program: cannot start \(.*ENOENT.*\); its output is ignored$/),
      'attribute command: empty command',
      expect.stringMatching(/: wrote more than 65536 bytes; its output is ignored$/),
    ]);
  });
});
