// The few asynchronous file calls discovery makes, on node:fs's callback API. fs.promises would load
// internal/fs/promises with readline, fs/dir and the watchers (~10 Node modules) into every `onegate` start
// that falls back to discovery; util and fs are loaded by Node itself.
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const readFile = promisify(fs.readFile);
export const readlink = promisify(fs.readlink);
export const readdir = promisify(fs.readdir);
export const access = promisify(fs.access);
export const open = promisify(fs.open);
export const read = promisify(fs.read);
export const close = promisify(fs.close);
