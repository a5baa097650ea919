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
 * "This change adds a second async runtime: async-std 1.13.1 next to tokio 1.46.1".
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
  const findings = currentFindings(audit);
  const split = findings.find((finding) => finding.rule === 'multiple-runtimes');
  const lead = audit.mode === 'diff' ? 'This change adds' : 'This build has';
  if (split) {
    const head = audit.lockfiles.find(({ diff }) => diff.head.findings.includes(split))?.diff.head;
    const primary = head?.runtimes.find((runtime) => runtime.family === head.primaryRuntime?.family);
    const primaryCrate = primary?.crates[0];
    const next = primaryCrate && primaryCrate.name !== split.crate ? ` next to ${primaryCrate.name} ${primaryCrate.version}` : '';
    return `${lead} a second async runtime: ${split.crate} ${split.version}${next}.`;
  }
  const versionSplit = findings.find((finding) => finding.rule === 'runtime-version-split');
  if (versionSplit)
    return `${lead} a second ${versionSplit.crate} reactor: ${versionSplit.crate} ${versionSplit.version} next to a newer line.`;
  if (findings.length > 0) {
    return audit.mode === 'diff' ? `This change introduces ${countBySeverity(findings)}.` : `This build has ${countBySeverity(findings)}.`;
  }
  const resolved = audit.lockfiles.reduce((sum, { diff }) => sum + diff.findings.resolved.length, 0);
  if (audit.mode === 'diff' && resolved > 0)
    return `This change resolves ${resolved} finding${resolved === 1 ? '' : 's'} and introduces none.`;
  return audit.mode === 'diff'
    ? 'This change adds no second runtime and no discouraged crate.'
    : 'One runtime, no discouraged crate: nothing to report.';
}
