import { type Audit, countedFindings, type Severity } from '@runtime-guard/core';

/**
 * GitHub shows at most 10 annotations of each kind (error, warning, notice) per step; more are
 * dropped silently. We emit that many and say in the job summary how many were left out.
 */
export const ANNOTATIONS_PER_SEVERITY = 10;

/** One annotation on a Cargo.lock line. */
export interface Annotation {
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

/** The annotations for the findings that count (introduced in a diff), most severe first, within GitHub's limit. */
export function planAnnotations(audit: Audit): { annotations: Annotation[]; leftOut: number } {
  const all: Annotation[] = audit.lockfiles.flatMap((lockfile) =>
    // Grouped findings keep their own annotation at their own line.
    countedFindings(audit, lockfile.diff)
      .flatMap((finding) => [finding, ...finding.related])
      .map((finding) => ({
        severity: finding.severity,
        title: `runtime-guard ${finding.rule}: ${finding.crate} ${finding.version}`,
        message: `${finding.message}\n${finding.suggestion}\n${finding.docsUrl}`,
        file: lockfile.path,
        ...(finding.line > 0 ? { line: finding.line } : {}),
      })),
  );
  const kept: Annotation[] = [];
  for (const severity of ['error', 'warning', 'notice'] as const) {
    kept.push(...all.filter((annotation) => annotation.severity === severity).slice(0, ANNOTATIONS_PER_SEVERITY));
  }
  return { annotations: kept, leftOut: all.length - kept.length };
}
