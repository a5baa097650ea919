import type { Finding } from '../findings/types.js';
import { type Audit, countedFindings } from './audit.js';

/** Counts of findings by severity, as `2 errors, 1 warning`. */
export function countBySeverity(findings: readonly Finding[]): string {
  const parts: string[] = [];
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const count = findings.filter((finding) => finding.severity === severity).length;
    if (count) parts.push(`${count} ${severity}${count === 1 ? '' : 's'}`);
  }
  return parts.join(', ') || 'no findings';
}

/** All findings of the audit that count: introduced in diff mode, every current one otherwise. */
export function currentFindings(audit: Audit): Finding[] {
  return audit.lockfiles.flatMap(({ diff }) => countedFindings(audit, diff));
}

/**
 * The one-line verdict, plain text (callers escape it): what the change does, most important first.
 * "This change adds smol 2.0.2, a third async runtime next to tokio 1.46.1 and async-std 1.13.1."
 */
export function verdict(audit: Audit): string {
  const unreadable = audit.unreadable?.length ?? 0;
  const lead = verdictOfReadLockfiles(audit);
  if (unreadable === 0) return lead;
  const total = unreadable + audit.lockfiles.length;
  return `${unreadable} of ${total} lockfile${total === 1 ? '' : 's'} could not be read (not audited, see below). ${
    audit.lockfiles.length > 0 ? `In the others: ${lead}` : ''
  }`.trimEnd();
}

function verdictOfReadLockfiles(audit: Audit): string {
  // Per lockfile, so the lockfile of a finding is known without searching every report for it.
  const perLockfile = audit.lockfiles.map(({ diff }) => countedFindings(audit, diff));
  const findings = perLockfile.flat();
  // "This build" only when the manifests were read for every lockfile: otherwise the lockfile is all we know.
  const scoped = audit.lockfiles.length > 0 && audit.lockfiles.every(({ diff }) => diff.head.scope !== undefined);
  const subject = scoped ? 'This build' : 'This lockfile';
  const lead = audit.mode === 'diff' ? 'This change adds' : `${subject} has`;
  const isRuntimeFinding = (finding: Finding) => finding.rule === 'multiple-runtimes' && finding.severity !== 'notice';
  // The first lockfile with a runtime finding speaks for the verdict.
  const first = perLockfile.findIndex((counted) => counted.some(isRuntimeFinding));
  if (first >= 0) {
    const head = audit.lockfiles[first]?.diff.head;
    const running = (head?.runtimes ?? []).filter((runtime) => runtime.evidence === 'executor');
    const mine = (perLockfile[first] ?? []).filter(isRuntimeFinding);
    const added = mine.map((finding) => `${finding.crate} ${finding.version}`);
    const addedNames = new Set(mine.map((finding) => finding.crate));
    const primaryFamily = head?.primaryRuntime?.family;
    const named = (runtime: (typeof running)[number]) => `${runtime.crates[0]?.name} ${runtime.crates[0]?.version}`;
    const others = running
      .filter((runtime) => !addedNames.has(runtime.crates[0]?.name ?? ''))
      .sort((a, b) => (a.family === primaryFamily ? -1 : b.family === primaryFamily ? 1 : 0))
      .map(named);
    if (audit.mode === 'diff') {
      const count = running.length;
      const which = added.length === 1 ? `, ${ordinal(count)} async runtime` : `: ${count} async runtimes in all,`;
      return `This change adds ${andList(added)}${which} next to ${andList(others)}.`;
    }
    const listed = andList([...others.map((name, index) => (index === 0 ? `${name} (primary)` : name)), ...added]);
    if (scoped && mine.every((finding) => finding.severity === 'warning')) {
      return `This workspace's members run ${running.length} async runtimes in separate builds: ${listed}.`;
    }
    return `${subject} has ${running.length} async runtimes: ${listed}.`;
  }
  const versionSplit = findings.find((finding) => finding.rule === 'runtime-version-split' && finding.severity !== 'notice');
  if (versionSplit)
    return `${lead} a second ${versionSplit.crate} reactor: ${versionSplit.crate} ${versionSplit.version} next to a newer line.`;
  if (findings.length > 0) {
    return audit.mode === 'diff' ? `This change introduces ${countBySeverity(findings)}.` : `${subject} has ${countBySeverity(findings)}.`;
  }
  const resolved = audit.lockfiles.reduce((sum, { diff }) => sum + diff.findings.resolved.length, 0);
  if (audit.mode === 'diff' && resolved > 0)
    return `This change resolves ${resolved} finding${resolved === 1 ? '' : 's'} and introduces none.`;
  return audit.mode === 'diff'
    ? 'This change adds no second runtime and no discouraged crate.'
    : 'One runtime, no discouraged crate: nothing to report.';
}

function ordinal(count: number): string {
  return (['', 'a first', 'a second', 'a third', 'a fourth', 'a fifth'] as const)[count] ?? `a ${count}th`;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
