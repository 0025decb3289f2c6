// Where the agent keeps its files. Linux follows the FHS: configuration in /etc/onegate-agent, state in
// /var/lib, documents and status in /run. Windows keeps the same layout under one folder,
// %ProgramData%\onegate-agent\, the machine-wide data folder that services use and that only
// administrators can write by default (docs/packaging.md, "Windows").
import { win32 } from 'node:path';
import { envOf, isWindows, type OsFacts } from './facts';

/** The default location of every file and directory of the agent. */
export interface AgentPaths {
  /** agent.yaml. */
  configFile: string;
  /** Persistent state (pending attributes, READY state). */
  stateDir: string;
  /** Status file and pulled documents. */
  runDir: string;
  /** *.attrs files of custom attributes. */
  attributesDir: string;
  /** hooks.d, one sub-directory per event. */
  hooksDir: string;
  /** The service's log files; undefined where the service manager keeps the log (journald, OpenRC). */
  logDir?: string;
}

const LINUX: AgentPaths = {
  configFile: '/etc/onegate-agent/agent.yaml',
  stateDir: '/var/lib/onegate-agent',
  runDir: '/run/onegate-agent',
  attributesDir: '/etc/onegate-agent/attributes.d',
  hooksDir: '/etc/onegate-agent/hooks.d',
};

// Where Windows keeps ProgramData when the environment does not say (every release since Vista).
const DEFAULT_PROGRAM_DATA = 'C:\\ProgramData';

/** The paths for the OS described by `facts`. */
export function agentPaths(facts: OsFacts): AgentPaths {
  if (!isWindows(facts)) return { ...LINUX };
  const base = win32.join(programData(facts), 'onegate-agent');
  return {
    configFile: win32.join(base, 'agent.yaml'),
    stateDir: win32.join(base, 'state'),
    runDir: win32.join(base, 'run'),
    attributesDir: win32.join(base, 'attributes.d'),
    hooksDir: win32.join(base, 'hooks.d'),
    logDir: win32.join(base, 'log'),
  };
}

/**
 * %ProgramData% when it is an absolute path with a drive letter, else ProgramData on %SystemDrive%, else the
 * default. Not ALLUSERSPROFILE: it equals ProgramData on Windows, but wine's service manager starts a service
 * without ProgramData and with ALLUSERSPROFILE=C:\users\Public, which split the service's files from the CLI's.
 */
function programData(facts: OsFacts): string {
  const value = envOf(facts, 'ProgramData');
  if (value !== undefined && /^[A-Za-z]:\\/.test(value)) return value;
  const drive = envOf(facts, 'SystemDrive');
  return drive !== undefined && /^[A-Za-z]:$/.test(drive) ? `${drive}\\ProgramData` : DEFAULT_PROGRAM_DATA;
}

/** The null device, for a file argument that names nothing: /dev/null, or NUL on Windows. */
export function nullDevice(facts: OsFacts): string {
  return isWindows(facts) ? 'NUL' : '/dev/null';
}
