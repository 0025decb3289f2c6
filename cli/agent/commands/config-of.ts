// The configuration of the commands that read what the daemon left (status, query): a bad file does not
// stop them; they say so and use the defaults, whose run_dir is where the packaged daemon writes.
import { ConfigError, loadConfig } from '../../../agent/config/load';
import { type AgentConfig, defaultConfig } from '../../../agent/config/schema';

/** The configuration in `file` (the default path when undefined), or the defaults with a line in `errors`. */
export function configOrDefaults(file: string | undefined, errors: string[]): AgentConfig {
  try {
    return loadConfig(file).config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    errors.push(`${err.message.split('\n')[0]}; using the default run_dir`);
    return defaultConfig();
  }
}
