// Rules across keys of the lifecycle sections (health checks, load-balancer registrations), which a
// per-key type cannot say: exactly one probe per check, required and unique values, a `when: healthy`
// registration needs checks. Each problem names the key it is about, so the message carries its line.
import { isCheckUrl, parseHostPort } from '../health/target';
import type { RuleProblem } from '../schema/keys';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One item of health.checks. */
export function checkRules(c: {
  name: string;
  http: string;
  tcp: string;
  command: string[];
  interval: number;
  timeout: number;
}): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!NAME.test(c.name))
    problems.push({ path: ['name'], expected: 'a name of letters, digits, ".", "-" and "_"', got: JSON.stringify(c.name) });
  const given = [c.http !== '', c.tcp !== '', c.command.length > 0].filter(Boolean).length;
  if (given !== 1)
    problems.push({ path: [], expected: 'exactly one of http, tcp or command', got: given === 0 ? 'none' : `${given} of them` });
  if (c.http !== '' && !isCheckUrl(c.http))
    problems.push({ path: ['http'], expected: 'an http:// or https:// URL', got: JSON.stringify(c.http) });
  if (c.tcp !== '' && !parseHostPort(c.tcp))
    problems.push({ path: ['tcp'], expected: 'host:port (or [IPv6]:port)', got: JSON.stringify(c.tcp) });
  if (c.timeout > c.interval)
    problems.push({ path: ['timeout'], expected: `at most the interval (${c.interval})`, got: String(c.timeout) });
  return problems;
}

/** The health section: check names are unique (HEALTH_REASON and status name them). */
export function healthRules(h: { checks: Array<{ name: string }> }): RuleProblem[] {
  return duplicates(h.checks.map((c) => c.name)).map((i) => ({
    path: ['checks', i, 'name'],
    expected: 'a name no other check has',
    got: JSON.stringify(h.checks[i].name),
  }));
}

/** One item of lb. */
export function lbRules(e: { ip: string; port: number }): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (e.ip === '') problems.push({ path: ['ip'], expected: "the load balancer's address as the VRouter has it", got: 'nothing' });
  if (e.port === 0) problems.push({ path: ['port'], expected: "the load balancer's port, 1 to 65535", got: 'nothing' });
  return problems;
}

/** Across sections: registrations are unique per family and index; `when: healthy` needs health checks. */
export function rootRules(c: { health: { checks: unknown[] }; lb: Array<{ family: string; index: number; when: string }> }): RuleProblem[] {
  const problems = duplicates(c.lb.map((e) => `${e.family}/${e.index}`)).map((i) => ({
    path: ['lb', i, 'index'],
    expected: `an index no other ${c.lb[i].family} registration has`,
    got: String(c.lb[i].index),
  }));
  c.lb.forEach((e, i) => {
    if (e.when === 'healthy' && c.health.checks.length === 0)
      problems.push({ path: ['lb', i, 'when'], expected: 'health.checks to judge "healthy" by (or when: always)', got: 'healthy' });
  });
  return problems;
}

/** Indexes of the items equal to an earlier one. */
function duplicates(items: string[]): number[] {
  return items.flatMap((item, i) => (items.indexOf(item) < i ? [i] : []));
}
