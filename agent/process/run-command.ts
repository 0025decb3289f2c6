// The one place that spawns programs: ready scripts, attribute commands and hooks.
// Output is bounded so a chatty program cannot grow the daemon's memory, and every run has a timeout.

/** What to run and how. */
export interface RunCommandOptions {
  /** argv form: [program, ...args]; never passed through a shell. */
  argv: string[];
  /** Kill the program (SIGTERM, then SIGKILL after 2 s) when it runs longer than this. */
  timeoutMs: number;
  /** Extra environment on top of process.env. */
  env?: Record<string, string>;
  /** Written to the program's stdin, which is then closed. */
  input?: string;
  /** Working directory. */
  cwd?: string;
  /** Keep at most this many bytes of stdout and of stderr; default 1 MiB. */
  maxOutputBytes?: number;
  /** Aborting kills the program and its process group. */
  signal?: AbortSignal;
}

/** How a program ended. */
export interface RunCommandResult {
  /** Exit status, or null when killed by a signal or not started. */
  code: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** Standard output (UTF-8, truncated to the bound). */
  stdout: string;
  /** Standard error (UTF-8, truncated to the bound). */
  stderr: string;
  /** True when the timeout killed it. */
  timedOut: boolean;
  /** True when the caller's signal killed it (or it was aborted before it started). */
  aborted: boolean;
  /** Set when the program could not be started (ENOENT, EACCES). */
  spawnError?: Error;
}

/**
 * Why `options` cannot be handed to spawn(), which throws (instead of failing the run) on a NUL byte in
 * the program, an argument, the directory or the environment, or an "=" in a variable's name. Names the
 * variable, never its value (a context variable may be a secret).
 */
export function unspawnable(options: RunCommandOptions): string | undefined {
  if (options.argv.length === 0 || options.argv[0] === '') return 'no program to run';
  const argument = options.argv.findIndex((a) => a.includes('\0'));
  if (argument >= 0) return argument === 0 ? 'the program path contains a NUL byte' : `argument ${argument} contains a NUL byte`;
  if (options.cwd?.includes('\0')) return 'the working directory contains a NUL byte';
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (name === '' || name.includes('=') || name.includes('\0'))
      return `an environment variable has an invalid name (${name.length} characters)`;
    if (value.includes('\0')) return `environment variable ${name} contains a NUL byte`;
  }
  return undefined;
}

function notStarted(message: string): RunCommandResult {
  return { code: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, spawnError: new Error(message) };
}

/** Runs a program to completion; never rejects: what cannot be started is a result with `spawnError`. */
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const limit = options.maxOutputBytes ?? 1024 * 1024;
  const problem = unspawnable(options);
  if (problem) return Promise.resolve(notStarted(problem));
  return new Promise((resolve) => {
    const [program, ...args] = options.argv;
    let child: import('node:child_process').ChildProcessWithoutNullStreams;
    try {
      // node:child_process (with node:dgram) is loaded on the first spawn: a daemon without hooks or commands never needs it.
      child = process.getBuiltinModule('node:child_process').spawn(program, args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so a timeout or abort also ends the grandchildren that keep stdout open
        // (`sh -c 'sleep 600'`); otherwise 'close' would wait for them and the timeout would bound nothing.
        detached: true,
      });
    } catch (err) {
      // What unspawnable does not foresee is still a result; spawn's own message would quote the value.
      resolve(notStarted(`spawn refused it (${(err as { code?: unknown }).code ?? 'invalid options'})`));
      return;
    }
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        child.kill(signal);
      }
    };
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      killGroup('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const out = collect(child.stdout, limit);
    const err = collect(child.stderr, limit);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), 2000);
    }, options.timeoutMs);
    let spawnError: Error | undefined;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.stdin.on('error', () => {
      /* the program may exit without reading its input */
    });
    child.stdin.end(options.input ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // Node reports a failed spawn as close(-errno): no program ran, so there is no exit status.
      resolve({ code: spawnError ? null : code, signal, stdout: out(), stderr: err(), timedOut, aborted, spawnError });
    });
  });
}

function collect(stream: NodeJS.ReadableStream, limit: number): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size >= limit) return;
    chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}
