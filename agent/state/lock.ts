// One daemon per state directory. Two daemons on one state_dir would both push (breaking "one request in
// flight") and overwrite each other's state.json, dropping pending attributes. The lock is a pid file
// created with O_EXCL: whoever creates it holds the directory. A file whose pid is no longer an onegate-agent
// process (a crash, SIGKILL, a reboot with a persistent state_dir) is stale and taken over.
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDirSync } from './atomic';
import { isDaemonAlive } from './process-info';

/** Another live daemon holds the state directory. */
export class StateLockedError extends Error {
  /** Stable code to match on. */
  code = 'STATE_LOCKED' as const;
  /** The holder's process id. */
  pid: number;
  constructor(dir: string, pid: number) {
    super(`${dir} is in use by another onegate-agent (pid ${pid})`);
    this.name = 'StateLockedError';
    this.pid = pid;
  }
}

/** A held lock. */
export interface StateLock {
  /** The pid file. */
  path: string;
  /** Removes the pid file if it is still ours; idempotent. */
  release(): void;
}

/** Options of {@link lockStateDir}. */
export interface LockOptions {
  /** Our pid; default process.pid. */
  pid?: number;
  /** Whether a pid is a running daemon; default: alive and an onegate process (a reused pid is not). */
  isAlive?: (pid: number) => boolean;
}

/** The pid file inside `stateDir`. */
export function lockPath(stateDir: string): string {
  return join(stateDir, 'agent.pid');
}

/** The pid written in the lock of `stateDir`, live or stale; undefined when there is none (as `doctor` shows it). */
export function lockHolder(stateDir: string): number | undefined {
  return readPid(lockPath(stateDir));
}

// A race of two take-overs: the second may find the first's new file where the stale one was; bounded.
const ATTEMPTS = 3;

/** Takes the lock of `stateDir` (created 0700 if missing). Throws StateLockedError, or a file-system error. */
export function lockStateDir(stateDir: string, options: LockOptions = {}): StateLock {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? isDaemonAlive;
  const path = lockPath(stateDir);
  ensureDirSync(stateDir, 0o700);
  for (let attempt = 1; ; attempt++) {
    if (create(path, pid)) return { path, release: () => release(path, pid) };
    const holder = readPid(path);
    // Our own pid is stale too: in a container the daemon is pid 1 after every restart.
    if (holder !== undefined && holder !== pid && isAlive(holder)) throw new StateLockedError(stateDir, holder);
    if (attempt === ATTEMPTS) throw new Error(`${path}: cannot take over the stale lock (it keeps reappearing)`);
    removeStale(path, holder, pid);
  }
}

// True when the file was created (and holds our pid); false when it exists.
function create(path: string, pid: number): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

// The pid in the file; undefined when it is gone, empty or not a pid (a crash between create and write).
function readPid(path: string): number | undefined {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

// Moves the stale file aside before deleting it, so that a file another daemon created meanwhile (a
// concurrent take-over) is never deleted: when the moved file is not the stale one, it is put back.
function removeStale(path: string, stale: number | undefined, pid: number): void {
  const aside = `${path}.stale-${pid}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it: create again
    throw err;
  }
  if (readPid(aside) !== stale) {
    try {
      linkSync(aside, path); // fails with EEXIST when a third process got in; that one then holds it
    } catch {
      /* the holder stays whoever created the file */
    }
  }
  unlinkSync(aside);
}

function release(path: string, pid: number): void {
  if (readPid(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
