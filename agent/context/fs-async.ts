// The few asynchronous file calls discovery makes, on node:fs's callback API. fs.promises would load
// internal/fs/promises with readline, fs/dir and the watchers (~10 Node modules) into every `onegate` start
// that falls back to discovery. Plain wrappers, so that importing this module costs nothing.
import {
  access as accessCb,
  close as closeCb,
  open as openCb,
  read as readCb,
  readdir as readdirCb,
  readFile,
  readlink as readlinkCb,
} from 'node:fs';

type Done<T> = (err: NodeJS.ErrnoException | null, value: T) => void;

function call<T>(start: (done: Done<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}

export const readText = (file: string): Promise<string> => call((done) => readFile(file, 'utf8', done));
export const readlink = (file: string): Promise<string> => call((done) => readlinkCb(file, done));
export const readdir = (dir: string): Promise<string[]> => call((done) => readdirCb(dir, done));
export const access = (file: string, mode: number): Promise<void> => call((done) => accessCb(file, mode, (err) => done(err, undefined)));
export const openRead = (file: string): Promise<number> => call((done) => openCb(file, 'r', done));
/** Resolves to the number of bytes read. */
export const read = (fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> =>
  call((done) => readCb(fd, buf, offset, length, position, (err, bytesRead) => done(err, bytesRead)));
export const close = (fd: number): Promise<void> => call((done) => closeCb(fd, (err) => done(err, undefined)));
