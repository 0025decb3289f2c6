// Test helper: a temporary bin directory with shell-script stand-ins for vmtoolsd, blkid, mount...
import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../support/temp-dir';

/** A directory to put first on PATH (removed when the test file ends). */
export interface FakeBin {
  dir: string;
  /** PATH with only the fake directory and the system directories (for sh, cat, base64...). */
  path: string;
  add(name: string, script: string): void;
}

export function fakeBin(): FakeBin {
  const dir = tempDir('fake-bin-');
  return {
    dir,
    path: `${dir}:/usr/bin:/bin`,
    add(name, script) {
      const file = path.join(dir, name);
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, 0o755);
    },
  };
}
