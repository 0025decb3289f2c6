// An installed onegate-sim (the npm package's, the tarball's) started as a process, as its users start it.
import { type ChildProcess, spawn } from 'node:child_process';

/** A running onegate-sim: its OneGate URL and the process (kill it when done). */
export interface SimProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Starts `command` (an onegate-sim) on a free port writing a context directory per VM into `contexts`;
 * resolves when it says where it listens, rejects when it exits first or says nothing within 20 s.
 */
export function startSimProcess(command: string, contexts: string): Promise<SimProcess> {
  const child = spawn(command, ['--listen', '127.0.0.1:0', '--contexts', contexts, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((done, fail) => {
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`onegate-sim said nothing in 20 s: ${err}`));
    }, 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk;
      const url = /OneGate on (http:\/\/\S+?),?\s/.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ url, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`onegate-sim exited ${code}: ${err}`));
    });
  });
}
