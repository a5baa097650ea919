import { analyze, type Report } from './analyze.js';
import { diffReports } from './diff.js';
import { type Finding, SEVERITIES, type Severity } from './findings/types.js';
import { buildGraph } from './graph/build.js';
import { parseLockfile } from './lockfile/parse.js';
import type { Policy } from './policy/schema.js';
import type { Audit } from './render/audit.js';
import { currentFindings } from './render/verdict.js';

/** One lockfile to audit: its path, its text now, and in diff mode its text at the base (null: it did not exist). */
export interface LockfileInput {
  readonly path: string;
  readonly head: string;
  readonly base?: string | null;
}

/** Options of {@link auditLockfiles}. */
export interface AuditOptions {
  /** Compare with each input's `base` text. Default: true when any input has a `base` key. */
  diff?: boolean;
  today?: Date | string;
  maxBytes?: number;
}

/**
 * The whole pipeline for a set of lockfiles: parse, build the graph, analyze against the policy and,
 * in diff mode, compare with the base. Pure: texts in, plain data out.
 *
 * @throws LockfileError naming the path (and `(base)` for the base version) of a bad lockfile.
 */
export function auditLockfiles(inputs: readonly LockfileInput[], policy?: Policy, options: AuditOptions = {}): Audit {
  const mode = (options.diff ?? inputs.some((input) => input.base !== undefined)) ? 'diff' : 'audit';
  const report = (text: string, fileName: string, base?: Report) =>
    analyze(buildGraph(parseLockfile(text, { fileName, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) })), policy, {
      ...(options.today ? { today: options.today } : {}),
      // The base's primary stays primary: the team's established choice.
      ...(base?.primaryRuntime ? { basePrimary: base.primaryRuntime.family } : {}),
    });
  return {
    mode,
    lockfiles: inputs.map((input) => {
      const base = mode === 'diff' && typeof input.base === 'string' ? report(input.base, `${input.path} (base)`) : undefined;
      const head = report(input.head, input.path, base);
      return { path: input.path, diff: diffReports(base, head) };
    }),
  };
}

/** The threshold of `--fail-on` / `fail-on`: a severity, or `never`. */
export type FailOn = Severity | 'never';

/** The findings that count (introduced in diff mode) at or above the threshold: non-empty means fail. */
export function findingsAtOrAbove(audit: Audit, failOn: FailOn): Finding[] {
  if (failOn === 'never') return [];
  const limit = SEVERITIES.indexOf(failOn);
  return currentFindings(audit).filter((finding) => SEVERITIES.indexOf(finding.severity) <= limit);
}
