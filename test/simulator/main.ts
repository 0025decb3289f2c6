// `npm run simulator`: the OneGate simulator as a standalone server (one log line per request,
// clean stop on SIGINT/SIGTERM). Exit codes: 0 stopped by a signal, 2 bad options or start failure.

import { parseArgs, USAGE } from './config/cli-args';
import { loadConfig } from './config/config';
import { startOneGate } from './index';

async function main(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`simulator: ${(e as Error).message}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const config = loadConfig(opts.config, opts.serverVersion);
    const listen = opts.listen ?? { host: config.host, port: config.port };
    const sim = await startOneGate({
      config: opts.config,
      serverVersion: opts.serverVersion,
      fixtures: opts.fixtures,
      host: listen.host,
      port: listen.port,
      control: opts.control,
      contextsDir: opts.contexts,
      quiet: opts.quiet,
    });
    process.stderr.write(
      `simulator: OneGate on ${sim.url}${sim.controlUrl ? `, control on ${sim.controlUrl}` : ''}${opts.contexts ? `, contexts in ${opts.contexts}` : ''}; imitating OneGate ${sim.serverVersion}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        process.stderr.write(`simulator: ${signal}, stopping\n`);
        void sim.close().then(resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  } catch (e) {
    process.stderr.write(`simulator: ${(e as Error).message}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
