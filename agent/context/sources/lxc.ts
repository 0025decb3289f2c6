// LXC containers: oned's LXC driver puts context.sh and token.txt in the /context directory.
import { directoryFiles, fileSource } from './directory';

const DIR = '/context';

/** /context/context.sh and /context/token.txt. */
export const lxcDirectory = fileSource({
  name: `directory ${DIR}`,
  priority: 20,
  kind: 'directory',
  origin: (ctx) => ctx.path(DIR),
  paths: (ctx) => directoryFiles(ctx.path(DIR)),
});
