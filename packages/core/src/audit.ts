import type { AdvisoryDatabase } from './advisories/database.js';
import { analyze, type Report } from './analyze.js';
import { diffReports } from './diff.js';
import { type Finding, SEVERITIES, type Severity } from './findings/types.js';
import { buildGraph } from './graph/build.js';
import { ADVISORY_SNAPSHOT } from './knowledge/advisories.generated.js';
import { LockfileError } from './lockfile/errors.js';
import { parseLockfile } from './lockfile/parse.js';
import type { ManifestProblem } from './manifest/types.js';
import { type ManifestTexts, readWorkspace } from './manifest/workspace.js';
import type { Policy } from './policy/schema.js';
import {
  type AdvisoryDataNote,
  type Audit,
  type AuditedLockfile,
  type LockfileProblem,
  STALE_AFTER_DAYS,
  type UnreadableLockfile,
} from './render/audit.js';
import { currentFindings } from './render/verdict.js';

/** One lockfile to audit: its path, its text now, and in diff mode its text at the base (null: it did not exist). */
export interface LockfileInput {
  readonly path: string;
  readonly head: string;
  readonly base?: string | null;
  /** How errors name the base text (`base.lock`); default `PATH (base)`. */
  readonly baseName?: string;
  /** The policy for this lockfile, when it has its own (the CLI looks one up from each lockfile's folder). */
  readonly policy?: Policy;
  /** The file that policy came from, or null for none (the defaults); reports say which was used. */
  readonly policyFile?: string | null;
  /**
   * The workspace's Cargo.toml texts now, by path relative to the lockfile's folder (`Cargo.toml`,
   * `crates/server/Cargo.toml`, `../shared/Cargo.toml`). With them, runtime findings follow each
   * member's build ("this build"); without, the lockfile alone ("this lockfile").
   */
  readonly manifests?: ManifestTexts;
  /** The same at the base, in diff mode. */
  readonly baseManifests?: ManifestTexts;
}

/**
 * One audit of several: what {@link auditLockfiles} gives for all the inputs at once, from audits of
 * some inputs each (a caller that reads files one by one, with a progress line, audits each as it
 * comes). Lockfiles and unreadable ones keep their order; `extraUnreadable` (files that could not
 * even be opened) come last. Every other field is taken from the audits, so a new field of `Audit`
 * needs handling here, and only here.
 */
export function combineAudits(mode: Audit['mode'], audits: readonly Audit[], extraUnreadable: readonly UnreadableLockfile[] = []): Audit {
  const advisoryData = audits.find((one) => one.advisoryData)?.advisoryData;
  const docsBaseUrl = audits.find((one) => one.docsBaseUrl)?.docsBaseUrl;
  return {
    mode,
    lockfiles: audits.flatMap((one) => one.lockfiles),
    unreadable: [...audits.flatMap((one) => one.unreadable ?? []), ...extraUnreadable],
    ...(docsBaseUrl ? { docsBaseUrl } : {}),
    ...(advisoryData ? { advisoryData } : {}),
  };
}

/** Options of {@link auditLockfiles}. */
export interface AuditOptions {
  /** Compare with each input's `base` text. Default: true when any input has a `base` key. */
  diff?: boolean;
  today?: Date | string;
  maxBytes?: number;
  /** The rules README that findings and SARIF rules link to (the Action: its own repository at its ref). */
  docsBaseUrl?: string;
  /** RustSec advisory data (see `readAdvisoryDatabase`); default: the snapshot bundled with runtime-guard. */
  advisories?: AdvisoryDatabase;
}

/**
 * The whole pipeline for a set of lockfiles: parse, build the graph, analyze against the policy and,
 * in diff mode, compare with the base. Pure: texts in, plain data out. Each lockfile gets its own
 * result: one that cannot be read lands in `unreadable` with its error (file, line, column) and never
 * keeps the others from being audited; in diff mode a base that cannot be read leaves the head audited
 * in full, with `baseError` saying the comparison could not be made.
 *
 * @throws only for a bug: every bad input becomes a {@link UnreadableLockfile} or a `baseError`.
 */
export function auditLockfiles(inputs: readonly LockfileInput[], policy?: Policy, options: AuditOptions = {}): Audit {
  const mode = (options.diff ?? inputs.some((input) => input.base !== undefined)) ? 'diff' : 'audit';
  const read = (text: string, fileName: string, lockfilePolicy: Policy | undefined, base?: Report, manifests?: ManifestTexts) => {
    const lockfile = parseLockfile(text, { fileName, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
    // A manifest that cannot be read, or a member without one, leaves the lockfile-only verdict and a warning.
    const workspace = manifests ? readWorkspace(manifests, '') : undefined;
    const usable = workspace && workspace.problems.length === 0 && workspace.members.length > 0 ? workspace : undefined;
    const report = analyze(buildGraph(lockfile), lockfilePolicy, {
      ...(options.today ? { today: options.today } : {}),
      ...(options.docsBaseUrl ? { docsBaseUrl: options.docsBaseUrl } : {}),
      ...(options.advisories ? { advisories: options.advisories } : {}),
      // The base's primary stays primary: the team's established choice.
      ...(base?.primaryRuntime ? { basePrimary: base.primaryRuntime.family } : {}),
      ...(usable ? { workspace: usable } : {}),
    });
    const manifestWarnings: ManifestProblem[] = usable ? [...(report.scope?.problems ?? [])] : [...(workspace?.problems ?? [])];
    if (workspace && !usable && workspace.problems.length === 0) {
      manifestWarnings.push({ file: 'Cargo.toml', message: 'Cargo.toml: the root manifest names no package and no member' });
    }
    return { lockfile, report, manifestWarnings };
  };
  const lockfiles: AuditedLockfile[] = [];
  const unreadable: UnreadableLockfile[] = [];
  for (const input of inputs) {
    // The base first: its primary runtime carries over to the head.
    let base: ReturnType<typeof read> | undefined;
    let baseError: LockfileProblem | undefined;
    if (mode === 'diff' && typeof input.base === 'string') {
      try {
        base = read(input.base, input.baseName ?? `${input.path} (base)`, input.policy ?? policy, undefined, input.baseManifests);
      } catch (error) {
        baseError = toProblem(error, input.baseName ?? `${input.path} (base)`);
      }
    }
    let head: ReturnType<typeof read>;
    try {
      head = read(input.head, input.path, input.policy ?? policy, base?.report, input.manifests);
    } catch (error) {
      unreadable.push({ path: input.path, error: toProblem(error, input.path) });
      continue;
    }
    lockfiles.push({
      path: input.path,
      diff: diffReports(base?.report, head.report),
      warnings: head.lockfile.warnings,
      ...(input.manifests ? { manifestWarnings: head.manifestWarnings } : {}),
      ...(baseError ? { baseError } : {}),
      ...(input.policyFile !== undefined ? { policyFile: input.policyFile } : {}),
    });
  }
  // Each lockfile may have its own policy: the data is named unless every policy turns the rule off.
  const policies = inputs.length > 0 ? inputs.map((input) => input.policy ?? policy) : [policy];
  const advisoryData = policies.every(advisoriesOff) ? undefined : advisoryDataNote(options);
  return {
    mode,
    lockfiles,
    unreadable,
    ...(options.docsBaseUrl ? { docsBaseUrl: options.docsBaseUrl } : {}),
    ...(advisoryData ? { advisoryData } : {}),
  };
}

function advisoriesOff(policy: Policy | undefined): boolean {
  return policy?.advisories?.scope === 'off' || policy?.severity['rustsec-advisory'] === 'off';
}

function advisoryDataNote(options: AuditOptions): AdvisoryDataNote {
  // The bundled snapshot's origin is static: naming it does not load its rows.
  const source = options.advisories?.source ?? {
    kind: 'bundled' as const,
    commit: ADVISORY_SNAPSHOT.commit,
    date: ADVISORY_SNAPSHOT.date,
    count: ADVISORY_SNAPSHOT.count,
  };
  const today = options.today === undefined ? new Date() : new Date(options.today);
  const ageDays = Math.max(0, Math.floor((today.getTime() - Date.parse(source.date)) / 86_400_000));
  return { ...source, ageDays, stale: source.kind === 'bundled' && ageDays > STALE_AFTER_DAYS };
}

function toProblem(error: unknown, file: string): LockfileProblem {
  if (!(error instanceof LockfileError)) throw error;
  const { line, column } = error.location;
  return {
    message: error.message,
    code: error.code,
    file,
    ...(line !== undefined && line > 0 ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
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
