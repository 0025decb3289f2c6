// Temporary directories for tests: made under the OS temp directory and removed after the test file that
// made them (test/support/setup.ts registers the removal), so no test hand-rolls mkdtemp and rm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One list per test file: vitest gives each test file its own module graph, setup file included.
const made: string[] = [];

/** A new empty directory named `<prefix>XXXXXX`, removed with its content when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made so far (run by the setup file after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
