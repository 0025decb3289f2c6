// Maps the validated configuration to each unit's own options (seconds -> ms, snake_case -> camelCase).
// Units never read the configuration themselves, so each stays testable on its own.
import type { AttributesOptions } from '../attributes';
import type { FormatOptions } from '../attributes/format';
import type { AgentConfig } from '../config/schema';
import type { DiscoverOptions } from '../context/types';
import { parseHostPort } from '../health/target';
import type { HealthCheck } from '../health/types';
import type { HooksOptions } from '../hooks/types';
import type { LbEntry } from '../lb/registration';
import { type MetricsOptions, metricsOptionsFrom } from '../metrics';
import type { ClientOptions } from '../onegate/client';
import type { Membership, PullerOptions } from '../pull/options';
import type { PushOptions } from '../push/pusher';
import type { ReadyOptions } from '../ready/reporter';

/** Spooled attributes at most (the offline spool is bounded, so memory and state.json stay small whatever the outage). */
export const MAX_PENDING = 1000;

const ms = (seconds: number): number => Math.round(seconds * 1000);

/** An identical failure is logged once per interval, and never more than once a minute. */
export function logEveryMsOf(c: AgentConfig): number {
  return Math.max(ms(c.interval), 60_000);
}

/** Full-jitter backoff of the daemon's retries. */
export function backoffOf(c: AgentConfig): PushOptions['backoff'] {
  return { baseMs: ms(c.backoff.base), factor: c.backoff.factor, maxMs: ms(c.backoff.max) };
}

export function pushOptionsOf(c: AgentConfig): PushOptions {
  return {
    heartbeatCycles: c.push.heartbeat_cycles,
    threshold: c.push.threshold,
    backoff: backoffOf(c),
    logEveryMs: logEveryMsOf(c),
    maxPending: MAX_PENDING,
  };
}

export function readyOptionsOf(c: AgentConfig): ReadyOptions {
  return { enabled: c.ready.enabled, scriptTimeoutMs: ms(c.ready.script_timeout), backoff: backoffOf(c), logEveryMs: logEveryMsOf(c) };
}

/** Metric names are prefixed; custom attributes keep the names their owner chose. */
export function formatOptionsOf(c: AgentConfig): { metrics: FormatOptions; attributes: FormatOptions } {
  return { metrics: { prefix: c.push.prefix, decimals: c.push.decimals }, attributes: { prefix: '', decimals: c.push.decimals } };
}

/** Each collector reads its own section (agent/metrics/index.ts). */
export function metricsOptionsOf(c: AgentConfig): MetricsOptions {
  return metricsOptionsFrom(c.metrics);
}

export function attributesOptionsOf(c: AgentConfig): AttributesOptions {
  return {
    static: c.attributes.static,
    commands: c.attributes.commands.map((x) => ({ command: x.command, timeoutMs: ms(x.timeout) })),
    directory: c.attributes.directory,
    textfileDirectory: c.attributes.textfile_directory,
  };
}

export function pullerOptionsOf(c: AgentConfig): PullerOptions {
  const p = c.pull;
  return {
    service: p.service as Membership,
    serviceExtended: p.service_extended,
    vrouter: p.vrouter as Membership,
    vnets: p.vnets.map((v) => (v === 'auto' ? v : Number(v))),
    vnetExtended: p.vnet_extended,
    ignoreAttributes: p.ignore_attributes,
  };
}

export function hooksOptionsOf(c: AgentConfig): HooksOptions {
  return { commands: c.hooks.commands, directory: c.hooks.directory, timeoutMs: ms(c.hooks.timeout), maxOutputBytes: c.hooks.max_output };
}

/** Seconds between pulls. */
export function pullIntervalOf(c: AgentConfig): number {
  return c.pull.interval > 0 ? c.pull.interval : c.interval;
}

/** Seconds a quiet pull may back off to: pull.max_interval, never below the pull interval; 0 keeps every tick. */
export function pullMaxIntervalOf(c: AgentConfig): number {
  return c.pull.max_interval > 0 ? Math.max(c.pull.max_interval, pullIntervalOf(c)) : 0;
}

/** Discovery options: command-line flags win over the configuration. */
export function discoverOptionsOf(c: AgentConfig, flags: { contextDir?: string; contextFile?: string } = {}): DiscoverOptions {
  // Either flag replaces both configured places: the command line names the one context to read.
  const fromFlags = flags.contextDir !== undefined || flags.contextFile !== undefined;
  const contextDir = fromFlags ? flags.contextDir : c.context.dir || undefined;
  const contextFile = fromFlags ? flags.contextFile : c.context.file || undefined;
  return {
    ...(contextDir ? { contextDir } : {}),
    ...(contextFile ? { contextFile } : {}),
    ...(c.onegate.endpoint ? { endpoint: c.onegate.endpoint } : {}),
  };
}

/** Client options from the `onegate` key (credentials and refresh are the caller's). */
export function clientOptionsOf(
  c: AgentConfig,
): Pick<ClientOptions, 'timeoutMs' | 'connectTimeoutMs' | 'caFile' | 'insecure' | 'maxResponseBytes'> {
  return {
    timeoutMs: ms(c.onegate.timeout),
    connectTimeoutMs: ms(c.onegate.connect_timeout),
    maxResponseBytes: c.onegate.max_response_size * 1024 * 1024,
    ...(c.onegate.ca_file ? { caFile: c.onegate.ca_file } : {}),
    insecure: c.onegate.insecure,
  };
}

/** The configured checks; validation already made each one of http, tcp or command with a good target. */
export function healthChecksOf(c: AgentConfig): HealthCheck[] {
  return c.health.checks.map((check) => {
    const target = parseHostPort(check.tcp);
    const probe: HealthCheck['probe'] = check.http
      ? { kind: 'http', url: check.http }
      : target
        ? { kind: 'tcp', ...target }
        : { kind: 'command', argv: check.command };
    return {
      name: check.name,
      probe,
      intervalMs: ms(check.interval),
      timeoutMs: ms(Math.min(check.timeout, check.interval)),
      failures: check.failures,
      successes: check.successes,
    };
  });
}

/** The registrations; when auto is healthy with health checks, else always; server_port 0 is the LB's port. */
export function lbEntriesOf(c: AgentConfig): LbEntry[] {
  const auto = c.health.checks.length > 0 ? 'healthy' : 'always';
  return c.lb.map((e) => ({
    family: e.family === 'lvs' ? 'lvs' : 'haproxy',
    index: e.index,
    ip: e.ip,
    port: e.port,
    serverHost: e.server_host,
    serverPort: e.server_port || e.port,
    weight: e.weight,
    id: e.id,
    when: e.when === 'auto' ? auto : e.when === 'healthy' ? 'healthy' : 'always',
  }));
}
