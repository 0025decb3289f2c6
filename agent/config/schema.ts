// Every configuration key of the daemon, once. Validation (load.ts), context overrides
// (overrides.ts), the packaged sample agent.yaml and the key table in docs/daemon.md are generated from it.

import { HOOK_EVENTS } from '../hooks/types';
import { metricsKeys } from '../metrics/index';
import { hostFacts } from '../platform/facts';
import { agentPaths } from '../platform/paths';
import {
  boolean,
  type ConfigOf,
  defaultOf,
  integer,
  listOf,
  mapOf,
  number,
  section,
  string,
  stringList,
  stringMap,
  withRules,
} from '../schema/keys';
import { checkRules, healthRules, lbRules, rootRules } from './rules';

// The defaults of the paths are this OS's (agent/platform/paths.ts); the packaged sample and the docs are
// generated on Linux and show the Linux ones.
const PATHS = agentPaths(hostFacts());

const command = section('One program to run.', {
  command: stringList([], 'Program and arguments (argv, never passed to a shell).'),
  timeout: integer(10, 'Seconds before the program is killed.', { min: 1, max: 3600 }),
});

const healthCheck = withRules(
  section('One health check: exactly one of http, tcp or command.', {
    name: string('', 'Name used in HEALTH_REASON, logs and status (letters, digits, ".", "-", "_"); required.'),
    http: string('', 'URL to GET (http or https, certificate verified); a 2xx or 3xx status passes, redirects are not followed.'),
    tcp: string('', 'host:port (or [IPv6]:port) to connect to; an accepted connection passes.'),
    command: stringList([], 'Program and arguments (argv, never passed to a shell); exit status 0 passes.'),
    interval: number(10, 'Seconds from the start of one run to the start of the next.', { min: 0.2, max: 86400 }),
    timeout: number(3, 'Seconds a run may take (at most interval); a slower run fails, its connection is closed or its program killed.', {
      min: 0.1,
      max: 3600,
    }),
    failures: integer(3, 'Failed runs in a row that turn the check FAIL.', { min: 1, max: 100 }),
    successes: integer(1, 'Passed runs in a row that turn the check OK (again).', { min: 1, max: 100 }),
  }),
  checkRules,
);

const lbEntry = withRules(
  section('One backend registration.', {
    family: string('haproxy', 'haproxy (ONEGATE_HAPROXY_LB<i>_* attributes) or lvs (ONEGATE_LB<i>_*).', { values: ['haproxy', 'lvs'] }),
    index: integer(0, "The <i> of the VRouter's LB<i> (ONEAPP_VNF_HAPROXY_LB<i>_* or ONEAPP_VNF_LB<i>_*).", { min: 0, max: 999 }),
    ip: string('', "The load balancer's address, exactly as configured on the VRouter; required."),
    port: integer(0, "The load balancer's port, as configured on the VRouter; required.", { min: 0, max: 65535 }),
    server_host: string('', "This backend's address; empty: the VM's first NIC address from the context (ETH<n>_IP)."),
    server_port: integer(0, "This backend's port; 0: the same as port.", { min: 0, max: 65535 }),
    weight: integer(1, 'Weight of this backend (keepalived weight; HAProxy does not use it).', { min: 0, max: 65535 }),
    id: string('', 'Published as _ID: the VRouter (or OneFlow service) ID the registration is for; empty: any.'),
    when: string('auto', 'healthy: published only while HEALTH is OK; always; auto: healthy when health.checks exist, else always.', {
      values: ['auto', 'healthy', 'always'],
    }),
  }),
  lbRules,
);

export const schema = {
  interval: integer(60, 'Seconds between collection and push cycles.', { min: 1, max: 86400, context: 'ONEGATE_AGENT_INTERVAL' }),
  jitter: number(
    0.001,
    "Random jitter added to each cycle, as a fraction of the interval (plus or minus); the VMID's phase already spreads a fleet, more jitter only bunches it.",
    { min: 0, max: 0.5 },
  ),
  log_level: string('info', 'Most verbose level logged.', {
    values: ['error', 'warn', 'info', 'debug'],
    context: 'ONEGATE_AGENT_LOG_LEVEL',
  }),
  state_dir: string(PATHS.stateDir, 'Directory of the persistent state (pending attributes, ready state); survives restarts.'),
  run_dir: string(PATHS.runDir, 'Directory of the status file and the pulled documents; may be on tmpfs.'),
  context: section('Where the VM context comes from.', {
    dir: string('', 'Directory holding context.sh and token.txt; empty: discover (CONTEXT media, one_env, environment).'),
    file: string('', 'A context.sh file to read instead of discovering one.'),
    poll: integer(60, 'Seconds between checks for a changed context (recontextualization, new token); 0 disables.', { min: 0, max: 86400 }),
  }),
  onegate: section('How OneGate is reached.', {
    endpoint: string('', 'OneGate URL overriding ONEGATE_ENDPOINT from the context.'),
    ca_file: string('', 'PEM file of the CA certificates trusted for an https endpoint, instead of the system store.'),
    insecure: boolean(false, 'Skip TLS certificate verification (not recommended).'),
    timeout: integer(30, 'Seconds a request may take in total, retries included.', { min: 1, max: 600 }),
    connect_timeout: integer(5, 'Seconds to establish a connection.', { min: 1, max: 120 }),
    max_response_size: integer(
      1,
      'Largest response body accepted, MiB; a larger one is a bad answer. Raise it for pull.service_extended with hundreds of nodes: memory follows it.',
      { min: 1, max: 256 },
    ),
  }),
  ready: section("READY reporting (replaces one-context's net-99-report-ready).", {
    enabled: boolean(true, 'Report READY=YES when the context says REPORT_READY=YES.', { context: 'ONEGATE_AGENT_READY' }),
    script_timeout: integer(300, 'Seconds READY_SCRIPT or READY_SCRIPT_PATH may run before it is killed and retried.', {
      min: 1,
      max: 86400,
    }),
  }),
  push: section('Attribute push (PUT /vm).', {
    enabled: boolean(true, "Push metrics and custom attributes to the VM's user template.", { context: 'ONEGATE_AGENT_PUSH' }),
    prefix: string('', 'Prefix of every metric name (e.g. "GUEST_" gives GUEST_CPU_USAGE); custom attributes keep their names.', {
      context: 'ONEGATE_AGENT_PREFIX',
    }),
    decimals: integer(2, 'Decimals of pushed numbers.', { min: 0, max: 6 }),
    heartbeat_cycles: integer(10, 'Every this many cycles all attributes are sent, changed or not; 0 never.', {
      min: 0,
      max: 100000,
      context: 'ONEGATE_AGENT_HEARTBEAT_CYCLES',
    }),
    threshold: number(0, 'A numeric change smaller than this counts as unchanged and is not sent.', { min: 0, max: 1e12 }),
  }),
  metrics: section('Metric collectors (each reads /proc or statfs, never runs a program).', metricsKeys),
  attributes: section('Custom attributes pushed along with the metrics.', {
    static: stringMap('Fixed attributes, NAME: value.', { example: { ROLE: 'db' } }),
    commands: listOf('Programs whose standard output is KEY=VALUE lines, run every cycle.', command, [
      { command: ['/usr/local/bin/queue-depth'], timeout: 10 },
    ]),
    directory: string(PATHS.attributesDir, 'Directory of *.attrs files (KEY=VALUE lines) written by other programs.'),
    textfile_directory: string(
      '',
      "Directory of *.prom files (Prometheus text format, node_exporter's textfile convention) whose gauges become attributes; empty: none.",
      { pattern: '^(/.*)?$', patternText: 'an absolute path or empty' },
    ),
  }),
  pull: section('Data pull (GET /vm, /service, /vrouter, /vnet/:id) written as JSON under run_dir.', {
    enabled: boolean(true, 'Pull documents periodically (GET /vm always, the others as below).', { context: 'ONEGATE_AGENT_PULL' }),
    interval: integer(0, 'Seconds between pulls; 0: the same as interval.', { min: 0, max: 86400, context: 'ONEGATE_AGENT_PULL_INTERVAL' }),
    max_interval: integer(300, 'Longest gap in seconds while nothing changes (the worst-case staleness); 0: no backoff.', {
      min: 0,
      max: 86400,
      context: 'ONEGATE_AGENT_PULL_MAX_INTERVAL',
    }),
    service: string('auto', 'Pull the service document: auto (when the VM belongs to a service), always or never.', {
      values: ['auto', 'always', 'never'],
    }),
    service_extended: boolean(false, 'Ask for the extended service document (full VM data of every peer; costs the server more).'),
    vrouter: string('auto', 'Pull the virtual router document: auto (when the VM is in one), always or never.', {
      values: ['auto', 'always', 'never'],
    }),
    vnets: stringList(['auto'], 'Virtual networks to pull: "auto" (the virtual router\'s networks) or numeric IDs; empty: none.', {
      pattern: '^(auto|\\d+)$',
      patternText: '"auto" or numeric network IDs',
      example: ['0', '3'],
    }),
    vnet_extended: boolean(false, 'Ask for the extended network documents (lease owners).'),
    ignore_attributes: stringList(
      [],
      'USER_TEMPLATE names (* wildcards) whose changes never fire the user_template hook; pushed attributes are always ignored.',
    ),
  }),
  hooks: section('Programs run when a pulled document changes (see docs/pull.md for the hook interface).', {
    timeout: integer(30, 'Seconds a hook may run before it is killed.', { min: 1, max: 86400 }),
    directory: string(PATHS.hooksDir, 'Directory with one sub-directory per event holding executable hooks; empty: none.'),
    max_output: integer(4096, 'Bytes of each of stdout and stderr kept and logged per hook.', { min: 0, max: 1048576 }),
    commands: mapOf(
      'Event (vm, user_template, service, service_role, vrouter, vnet) to the programs run for it, before hooks.d.',
      stringList([], 'Program paths.'),
      { service_role: ['/usr/local/bin/on-scale'] },
      HOOK_EVENTS,
    ),
  }),
  health: withRules(
    section('Health checks, published as HEALTH (OK, FAIL, UNKNOWN) and HEALTH_REASON; see docs/lifecycle.md.', {
      gate_ready: boolean(true, 'With checks: READY=YES waits, after READY_SCRIPT, until every check has passed.'),
      checks: listOf('Checks, each on its own schedule; HEALTH is FAIL while any check is FAIL.', healthCheck, [
        { name: 'web', http: 'http://127.0.0.1:8080/healthz', interval: 10, timeout: 3, failures: 3, successes: 1 },
        { name: 'db', tcp: '127.0.0.1:5432' },
      ]),
    }),
    healthRules,
  ),
  lb: listOf(
    'Backend registrations for the one-apps VRouter load balancers, published when due and withdrawn when unhealthy or stopping.',
    lbEntry,
    [{ family: 'haproxy', index: 0, ip: '10.0.0.100', port: 80, server_port: 8080 }],
  ),
  stop: section('What happens when the system shuts down, powers off or reboots (not on a service restart).', {
    drain_timeout: number(30, 'Seconds the hooks.d/stop/ programs may run, all together, before READY and HEALTH are erased.', {
      min: 0,
      max: 3600,
    }),
  }),
  backoff: section('Retry of failed requests: full-jitter exponential backoff.', {
    base: number(1, 'Seconds of the first retry delay (upper bound; the delay is random below it).', { min: 0.01, max: 3600 }),
    factor: number(2, 'Growth of the delay per failed attempt.', { min: 1, max: 10 }),
    max: number(300, 'Seconds the delay never exceeds.', { min: 1, max: 86400 }),
  }),
};

/** The root of the schema, as a section. */
export const rootSection = withRules(section('onegate-agent configuration.', schema), rootRules);

/** A loaded, validated configuration. */
export type AgentConfig = ConfigOf<typeof schema>;

/** The configuration when no file exists. */
export function defaultConfig(): AgentConfig {
  return defaultOf(rootSection);
}

/** Where `run`, `once` and `status` look by default. */
export const DEFAULT_CONFIG_PATH = PATHS.configFile;
