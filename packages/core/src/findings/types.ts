import type { RuntimeAdvice } from '../advice/runtime.js';

/** How serious a finding is, from most to least. */
export type Severity = 'error' | 'warning' | 'notice';

/** Severity order, most serious first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** The stable ids of runtime-guard's rules. */
export type RuleId =
  | 'multiple-runtimes'
  | 'runtime-version-split'
  | 'framework-runtime-mismatch'
  | 'discouraged-crate'
  | 'disallowed-runtime'
  | 'rustsec-advisory'
  | 'expired-exception';

/** One package on a why-path. */
export interface PathStep {
  readonly name: string;
  readonly version: string;
}

/** One problem found in a lockfile. Plain data: serialisable as it is. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The crate the finding is about. */
  readonly crate: string;
  readonly version: string;
  /** 1-based line of the package's `[[package]]` header in the lockfile, 0 when none applies. */
  readonly line: number;
  readonly message: string;
  /** What to do about it. */
  readonly suggestion: string;
  /**
   * multiple-runtimes only: the crates that decide the extra runtime is built, nearest to it first,
   * each with the exact change (feature switch, replacement, or the member that depends on it directly).
   * From the lockfile alone: crate, version and features; no manifest file or line yet.
   */
  readonly advice?: readonly RuntimeAdvice[];
  /**
   * Shortest why-paths, each from a workspace member (first) to the package (last); at most 10, each
   * at most 24 steps: a longer path keeps its first 12 and last 12 steps (see `pathLengths`).
   */
  readonly paths: readonly (readonly PathStep[])[];
  /** The full number of steps of each path in `paths` (larger than its array when the middle was left out). */
  readonly pathLengths?: readonly number[];
  /** How many why-paths the rule found (more than `paths.length` when some were left out). */
  readonly pathCount?: number;
  /** How many workspace members reach the package. */
  readonly rootsReaching: number;
  /**
   * Identifies the problem across commits: the same problem gives the same fingerprint after
   * patch upgrades or unrelated changes, so a diff can tell introduced from persisting findings.
   */
  readonly fingerprint: string;
  /**
   * The fingerprint the finding would have without the workspace's manifests, when reading them
   * changed it (a runtime reached only through dev-dependencies: `multiple-runtimes:async-std@dev`
   * here, `multiple-runtimes:async-std` without manifests). A diff whose base was read with manifests
   * and head without (or the other way round) matches findings by it, so the side that could not read
   * them does not make every scoped finding look new.
   */
  readonly lockfileFingerprint?: string;
  /** Where the rule is documented. */
  readonly docsUrl: string;
  /** The page of the fact the finding rests on, when there is one (a RustSec advisory). */
  readonly reference?: string;
  /**
   * Findings with the same root cause, each kept whole with its own line: crates that come with
   * this one (tokio-io with the tokio 0.1 line) and flagged crates reached only through it. Never
   * more serious than this finding. Empty when none.
   */
  readonly related: readonly RelatedFinding[];
}

/** A finding grouped under another: `same-cause` (it comes with it) or `reached-through` (only reached through it). */
export interface RelatedFinding extends Omit<Finding, 'related'> {
  readonly relation: 'same-cause' | 'reached-through';
}

/**
 * Where each rule is documented: the core package's README (one `### rule-ID` section per rule), as
 * its `homepage` in package.json names it. The Action links to the same file at the ref it runs from.
 */
export const DOCS_BASE_URL = 'https://github.com/runtime-guard/runtime-guard/blob/main/packages/core/README.md';

/** The address of a rule's section in the rules README at `base` (default {@link DOCS_BASE_URL}). */
export function docsUrlFor(rule: RuleId, base: string = DOCS_BASE_URL): string {
  return `${base}#rule-${rule}`;
}
