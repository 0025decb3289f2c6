// startOneGate(): the simulator as a test helper (port 0 by default) and the engine of main.ts.
import { createServer } from 'node:http';
import { createLogger, type Logger, silentLogger } from '../../agent/log';
import type { Credentials } from '../../agent/onegate/types';
import { loadConfig } from './config/config';
import { checkVersion } from './config/switches';
import { startControl } from './control/api';
import { tokenOf, writeContexts } from './control/contexts';
import { type Fault, validateFault } from './control/faults';
import { createOps, type SimOps } from './control/ops';
import { type RecordedRequest, Recorder } from './control/recorder';
import { baseUrl, closeServer, listen } from './http/listen';
import { handleRequest } from './http/server';
import type { SimState } from './http/state';
import { checkWorldForVersion, DEFAULT_FIXTURES, loadFixtures } from './world/fixtures';

// :log/:level 0 ERROR, 1 WARNING, 2 INFO (request lines, 401 reasons), 3 DEBUG.
const LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export type { Fault } from './control/faults';
export type { RecordedRequest } from './control/recorder';

/** Options of startOneGate. */
export interface StartOptions {
  /** Fixture file path or parsed object; default test/fixtures/simulator/default.yaml. */ fixtures?: string | object;
  /** onegate-server.conf path or parsed object; default the shipped 7.4 file. */ config?: string | object;
  /** Imitated server version ("6.10", "7.4", ...); wins over the config's :simulator: :version: and ONEGATE_SIM_VERSION. */
  serverVersion?: string;
  /** Listen address; default 127.0.0.1 (the config's bind address is used only by main.ts). */ host?: string;
  /** Listen port; default 0 (any free port). */ port?: number;
  /** Start the control listener (true = port 0 on the same host). */ control?: boolean | { port?: number; host?: string };
  /** Write DIR/<vmid>/context.sh and token.txt for every VM. */ contextsDir?: string;
  /** No request log lines (default true for tests; main.ts passes false). */ quiet?: boolean;
  /** Where log lines go; default stderr. */ log?: Logger;
  /** Faults active from the start. */ faults?: Fault[];
}

/** A running simulator. */
export interface Simulator extends SimOps {
  /** Base URL, e.g. http://127.0.0.1:PORT. */ url: string;
  /** Control API base URL when started with `control`. */ controlUrl?: string;
  /** The imitated server version. */ serverVersion: string;
  /** Every request received, oldest first. */ requests: RecordedRequest[];
  /** The token oned would give a VM (throws when it has none). */ tokenFor(vmid: number | string): string;
  /** Endpoint, VMID and token of a VM. */ credentials(vmid: number | string): Credentials;
  /** Injects a fault. */ setFault(fault: Fault): void;
  /** Removes every fault. */ clearFaults(): void;
  /** Stops both listeners and drops open connections. */ close(): Promise<void>;
}

/** Starts a simulator. */
export async function startOneGate(opts: StartOptions = {}): Promise<Simulator> {
  const config = loadConfig(opts.config, opts.serverVersion && checkVersion(opts.serverVersion, 'serverVersion'));
  const world = loadFixtures(opts.fixtures ?? DEFAULT_FIXTURES);
  checkWorldForVersion(world, config.sim, typeof opts.fixtures === 'object' ? 'fixtures object' : (opts.fixtures ?? DEFAULT_FIXTURES));
  const log =
    opts.log ??
    (opts.quiet === false
      ? createLogger({ journald: false, level: LEVELS[Math.min(3, Math.max(0, config.logLevel))] ?? 'info' })
      : silentLogger);
  const recorder = new Recorder();
  const faults: Fault[] = (opts.faults ?? []).map(validateFault);
  let url = '';
  const sim: SimState = {
    world,
    config,
    log,
    onWorldChange: () => {
      if (opts.contextsDir) writeContexts(world, opts.contextsDir, url);
    },
  };
  const deps = { sim, recorder, faults, onRequest: opts.quiet === false ? (line: string) => log.info(line) : undefined };
  // WEBrick answers an HTTP/1.1 request without Host (6.10's GET / then links to http:///vm); Node's parser
  // would refuse it with 400 before the handler sees it.
  const server = createServer(
    { requireHostHeader: false },
    (req, res) =>
      void handleRequest(deps, req, res).catch((e: unknown) => {
        log.error(`request failed: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(500).end();
      }),
  );
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, host, opts.port ?? 0);
  url = baseUrl(host, port);
  sim.onWorldChange();
  const ops = createOps(sim);
  const tokenFor = (vmid: number | string): string => {
    const vm = world.vms.get(Number(vmid));
    const token = vm && tokenOf(world, vm);
    if (!token) throw new Error(`simulator: VM ${vmid} has no token (no such VM, or its creator has no TOKEN_PASSWORD)`);
    return token;
  };
  const where = typeof opts.control === 'object' ? opts.control : {};
  const control = opts.control
    ? await startControl({ sim, recorder, faults, ops, tokenFor }, where.host ?? host, where.port ?? 0).catch(async (e: unknown) => {
        await closeServer(server);
        throw e;
      })
    : undefined;
  return {
    ...ops,
    url,
    controlUrl: control?.url,
    serverVersion: config.sim.version,
    requests: recorder.requests,
    tokenFor,
    credentials: (vmid) => ({ endpoint: url, vmid: String(vmid), token: tokenFor(vmid) }),
    setFault: (f) => {
      faults.push(validateFault(f));
    },
    clearFaults: () => {
      faults.length = 0;
    },
    close: async () => {
      await Promise.all([closeServer(server), control?.close()]);
    },
  };
}
