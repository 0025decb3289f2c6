// Text and JSON forms of a doctor report (cli/agent/output.ts writes them).
import type { DoctorReport, Verdict } from './types';

const MARK: Record<Verdict, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

/** One line per check (verdict, name, evidence), its advice below it, then the verdict of the whole. */
export function renderDoctor(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length)) + 2;
  const pad = ' '.repeat(6 + width);
  const lines = report.checks.flatMap((c) => {
    const row = `${MARK[c.verdict].padEnd(6)}${c.name.padEnd(width)}${c.evidence}`;
    return c.advice ? [row, `${pad}-> ${c.advice}`] : [row];
  });
  return `${lines.join('\n')}\n\n${summaryLine(report)}\n`;
}

/** "FAIL: first broken link: resolve (name resolves); 3 ok, 0 warnings, 1 failed, 8 skipped". */
export function summaryLine(report: DoctorReport): string {
  const count = (v: Verdict): number => report.checks.filter((c) => c.verdict === v).length;
  const counts = `${count('ok')} ok, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed, ${count('skip')} skipped`;
  const first = report.checks.find((c) => c.name === report.firstFailure);
  if (first) return `FAIL: first broken link: ${first.name} (${first.title}); ${counts}`;
  return `${report.exitCode === 1 ? 'WARN' : 'OK'}: ${counts}`;
}

/** The --json document. */
export function doctorJson(report: DoctorReport): object {
  const result = report.exitCode === 2 ? 'fail' : report.exitCode === 1 ? 'warn' : 'ok';
  return { result, exitCode: report.exitCode, firstFailure: report.firstFailure ?? null, checks: report.checks };
}
