// Fallback when the ISO reader cannot read the CONTEXT device: a read-only mount on a private temporary
// directory (as one-contextd does), needing root and kernel support for the file system.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { runLazily } from '../../process/run-lazily';
import { pathOnly } from '../block-devices';
import type { SourceContext } from '../types';

/** context.sh and token.txt read through a mount, or undefined when mounting is not possible. */
export async function readByMounting(device: string, o: SourceContext): Promise<{ contextSh?: string; tokenTxt?: string } | undefined> {
  const mount = await o.findProgram('mount');
  const umount = await o.findProgram('umount');
  if (!mount || !umount) return undefined;
  const dir = await fs.mkdtemp(join(process.getBuiltinModule('node:os').tmpdir(), 'onegate-context-'));
  try {
    const r = await runLazily({ argv: [mount, '-o', 'ro', device, dir], timeoutMs: 15_000, env: pathOnly(o.env) });
    if (r.code !== 0) {
      o.log.debug(`context: mount ${device} failed: ${r.stderr.trim() || r.spawnError?.message || `exit ${r.code}`}`);
      return undefined;
    }
    try {
      const contextSh = await o.readOptional(join(dir, 'context.sh'));
      return { contextSh, tokenTxt: await o.readOptional(join(dir, 'token.txt')) };
    } finally {
      await runLazily({ argv: [umount, dir], timeoutMs: 15_000, env: pathOnly(o.env) });
    }
  } finally {
    await fs.rmdir(dir).catch(() => {
      /* still mounted if umount failed; leave it rather than remove files */
    });
  }
}
