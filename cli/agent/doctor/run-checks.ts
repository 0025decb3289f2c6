// Runs the checks in order. A check whose `needs` failed (or were skipped because of a failure) is skipped
// with the reason, so the report names the first broken link and nothing downstream of it pretends to know
// more. Whatever a check wrote, the token never reaches the report.
import { scrubToken } from '../../../agent/onegate/without-token';
import { REDACTED } from '../../../agent/redact';
import type { Check, CheckReport, DoctorContext, DoctorReport, Finding } from './types';

/** Runs `checks` over `ctx`; closes the client the checks opened. */
export async function runChecks(checks: readonly Check[], ctx: DoctorContext): Promise<DoctorReport> {
  const reports: CheckReport[] = [];
  const blocked = new Map<string, string>(); // check -> the failed check that blocks what needs it
  try {
    for (const check of checks) {
      const cause = check.needs.map((need) => blocked.get(need)).find((c) => c !== undefined);
      const finding = cause !== undefined ? blockedBy(cause) : await runOne(check, ctx);
      if (cause !== undefined) blocked.set(check.name, cause);
      else if (finding.verdict === 'fail') blocked.set(check.name, check.name);
      reports.push({ name: check.name, title: check.title, ...scrub(finding, tokenOf(ctx)) });
    }
  } finally {
    ctx.facts.client?.close();
  }
  return summarise(reports);
}

function blockedBy(cause: string): Finding {
  return { verdict: 'skip', evidence: `not checked: ${cause} failed`, advice: '' };
}

async function runOne(check: Check, ctx: DoctorContext): Promise<Finding> {
  try {
    return await check.run(ctx);
  } catch (err) {
    return {
      verdict: 'fail',
      evidence: `the check itself failed: ${(err as Error).message}`,
      advice: 'this is a bug of onegate-agent doctor; please report it',
    };
  }
}

/** The exit status and the first broken link of a list of reports. */
export function summarise(checks: CheckReport[]): DoctorReport {
  const first = checks.find((c) => c.verdict === 'fail');
  const exitCode = first ? 2 : checks.some((c) => c.verdict === 'warn') ? 1 : 0;
  return { checks, exitCode, ...(first ? { firstFailure: first.name } : {}) };
}

function tokenOf(ctx: DoctorContext): string {
  return ctx.facts.credentials?.token ?? ctx.facts.found?.token ?? ctx.facts.found?.unchecked.picked.token?.value.trim() ?? '';
}

// The client's own scrubbing (agent/onegate/without-token.ts), with the doctor's mark.
function scrub(finding: Finding, token: string): Finding {
  const clean = (text: string): string => scrubToken(text, token, REDACTED);
  return { ...finding, evidence: clean(finding.evidence), advice: clean(finding.advice) };
}
