// The search for the context when no --context-dir/--context-file is given, in one-contextd's order:
// a block device labelled CONTEXT (cd-rom on KVM, virtio disk on Firecracker), the /context directory
// (LXC), VMware guestinfo (vCenter; only when vmtoolsd is installed).
import type { ContextFiles, SourceOptions } from '../types';
import { readContextDir } from './directory';
import { underRoot } from './files';
import { readContextMedia } from './media';
import { readVmwareGuestinfo } from './vmware';

/** One way of finding the context. */
interface ContextFinder {
  /** For debug lines. */
  name: string;
  /** The files, or undefined when this source is absent. */
  find(opts: SourceOptions): Promise<ContextFiles | undefined>;
}

const lxcDirectory: ContextFinder = {
  name: 'directory /context',
  find: (o) => readContextDir(underRoot(o.root, '/context'), 'directory', o.log),
};

/** The finders in the documented order. */
const FINDERS: ContextFinder[] = [
  { name: 'CONTEXT block device', find: readContextMedia },
  lxcDirectory,
  { name: 'VMware guestinfo', find: readVmwareGuestinfo },
];

/** The first source that has a context.sh. */
export async function searchContext(opts: SourceOptions): Promise<ContextFiles | undefined> {
  for (const finder of FINDERS) {
    const files = await finder.find(opts);
    if (files) {
      opts.log.debug(`context: using ${finder.name} (${files.origin})`);
      return files;
    }
    opts.log.debug(`context: no context from ${finder.name}`);
  }
  return undefined;
}
