// config: the configuration file loads (a file `run` would refuse stops everything after it).
import { ConfigError, loadConfig } from '../../../agent/config/load';
import { DEFAULT_CONFIG_PATH } from '../../../agent/config/schema';
import { type Check, fail, ok } from './types';

export const configCheck: Check = {
  name: 'config',
  title: 'configuration loads',
  needs: [],
  async run({ deps, facts }) {
    try {
      facts.loaded = loadConfig(deps.configFile);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return fail(
        err.message.split('\n')[0]!,
        `fix ${err.file} (every key is described in agent.yaml and docs/daemon.md), or name another file with --config`,
      );
    }
    const file = facts.loaded.file;
    return ok(file ? `${file} loaded` : `${DEFAULT_CONFIG_PATH} absent: defaults apply`);
  },
};
