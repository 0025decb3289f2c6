// Test helper: a temporary bin directory with shell-script stand-ins for vmtoolsd, blkid, mount...
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A directory to put first on PATH, and a cleanup. */
export interface FakeBin {
  dir: string;
  /** PATH with only the fake directory and the system directories (for sh, cat, base64...). */
  path: string;
  add(name: string, script: string): void;
  remove(): void;
}

export function fakeBin(): FakeBin {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-bin-'));
  return {
    dir,
    path: `${dir}:/usr/bin:/bin`,
    add(name, script) {
      const file = path.join(dir, name);
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, 0o755);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
