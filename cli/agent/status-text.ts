// Text rendering of `onegate-agent status`: a short summary, then one line per feature.
import type { Health } from '../../agent/state/health';
import type { StatusDocument } from '../../agent/state/status-document';
import type { FeatureState } from '../../agent/state/types';

/** An ISO time with how long ago (or in how long) it is from `now`; "never" for none. */
export function ago(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  const text = s < 0 ? `in ${duration(-s)}` : `${duration(s)} ago`;
  return `${iso} (${text})`;
}

function duration(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

function feature(name: string, f: FeatureState, extra: string, now: number): string {
  const state = f.disabled ? `off (${f.disabled})` : f.lastError ? `failing: ${f.lastError.message}` : 'ok';
  return `${`${name}:`.padEnd(9)}${state}; last success ${ago(f.lastSuccess, now)}${extra}\n`;
}

// The first names of a list, for one line.
function someOf(names: string[]): string {
  return `${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}`;
}

function healthLines(h: NonNullable<StatusDocument['health']>, now: number): string {
  const checks = h.checks.map((c) => `${c.name} ${c.status}${c.misses ? ` (${c.misses} failed in a row)` : ''}`).join(', ');
  const published = h.lastError
    ? `; publishing fails: ${h.lastError.message}`
    : h.published
      ? `; published ${h.published}`
      : '; not published yet';
  return `health:  ${h.status}${h.reason ? ` (${h.reason})` : ''}${published}; checks: ${checks}; last published ${ago(h.lastSuccess, now)}\n`;
}

export function renderStatus(health: Health, doc: StatusDocument | undefined, alive: boolean, now: number): string {
  let out = `status:  ${health.state}\n`;
  if (doc) {
    const c = doc.credentials;
    out += alive
      ? `daemon:  pid ${doc.pid}, version ${doc.version}, started ${ago(doc.startedAt, now)}\n`
      : `daemon:  last pid ${doc.pid}, last update ${ago(doc.updatedAt, now)}\n`;
    out += `config:  ${doc.configFile ?? 'defaults (no configuration file)'}${doc.overrides.length ? `; context overrides: ${doc.overrides.join(', ')}` : ''}\n`;
    out += c.vmid
      ? `vm:      ${c.vmid} at ${c.endpoint}; token from ${c.tokenFrom ?? '?'} (context source ${c.source})\n`
      : 'vm:      no OneGate credentials in the context\n';
    const r = doc.ready;
    out += `ready:   ${r.status}${r.reportedAt ? ` at ${r.reportedAt}` : ''}${r.lastError ? `; last error: ${r.lastError.message}` : ''}${r.retryAt ? `; next try ${ago(r.retryAt, now)}` : ''}${r.waitsFor ? `; waits for ${r.waitsFor}` : ''}\n`;
    if (doc.health) out += healthLines(doc.health, now);
    if (doc.lb) {
      const registered = doc.lb.published.filter((k) => k.endsWith('_SERVER_HOST')).map((k) => k.replace(/_SERVER_HOST$/, ''));
      const withheld = doc.lb.withheld.length ? `; withheld: ${doc.lb.withheld.join(', ')}` : '';
      out += feature('lb', doc.lb, `; registered: ${registered.join(', ') || 'none'}${withheld}`, now);
    }
    const pending = doc.push.pending.length ? `; ${doc.push.pending.length} pending (${someOf(doc.push.pending)})` : '; nothing pending';
    const erasing = doc.push.erasing?.length ? `; ${doc.push.erasing.length} to erase (${someOf(doc.push.erasing)})` : '';
    const refused = Object.entries(doc.push.refused ?? {}).map(([name, why]) => `${name} (${why})`);
    out += feature(
      'push',
      doc.push.enabled ? doc.push : { ...doc.push, disabled: 'push.enabled is false' },
      `${pending}${erasing}${refused.length ? `; not sent: ${refused.join(', ')}` : ''}; next ${ago(doc.nextRun, now)}`,
      now,
    );
    const troubled = Object.entries(doc.push.sourceWarnings ?? {}).map(([source, why]) => `${source}: ${why}`);
    if (troubled.length > 0) out += `sources: ${troubled.join('; ')}\n`;
    out += feature(
      'pull',
      doc.pull.enabled ? doc.pull : { ...doc.pull, disabled: 'pull.enabled is false' },
      `; next ${ago(doc.nextPull, now)}`,
      now,
    );
    out += feature('context', doc.context, '', now);
    const p = doc.process;
    out += `process: RSS ${(p.rssBytes / 1048576).toFixed(1)} MB, CPU ${(p.cpuUserMs / 1000).toFixed(2)} s user + ${(p.cpuSystemMs / 1000).toFixed(2)} s system\n`;
  }
  if (health.problems.length > 0) out += `problems:\n${health.problems.map((p) => `  ${p}\n`).join('')}`;
  return out;
}
