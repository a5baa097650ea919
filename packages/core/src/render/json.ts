import type { ReportScope } from '../analyze.js';
import type { Finding } from '../findings/types.js';
import type { AdvisoryDataNote, Audit, LockfileProblem } from './audit.js';

/** The version of the JSON output's shape; bumped on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** A finding in the JSON output; `status` only in diff mode. */
export interface JsonFinding extends Finding {
  readonly status?: 'introduced' | 'resolved' | 'unchanged';
}

/** Where and why a lockfile (or a diff's base) could not be read. */
export interface JsonLockfileError {
  readonly message: string;
  readonly code: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** A lockfile that could not be read: its path and the error, nothing else. */
export interface JsonUnreadableLockfile {
  readonly path: string;
  readonly error: JsonLockfileError;
}

/** The JSON output (`schemaVersion: 1`), documented in the CLI README. */
export interface JsonReport {
  readonly schemaVersion: 1;
  readonly mode: 'audit' | 'diff';
  /** The lockfiles read, then those that could not be read (each with `error` instead of results). */
  readonly lockfiles: readonly (JsonAuditedLockfile | JsonUnreadableLockfile)[];
  /** Which RustSec data the `rustsec-advisory` rule read (kind, commit, date, count, ageDays, stale); absent when it was off. */
  readonly advisoryData?: AdvisoryDataNote;
}

/** A lockfile that was read, with its results. */
export interface JsonAuditedLockfile {
  readonly path: string;
  readonly formatVersion: number;
  readonly packageCount: number;
  readonly primaryRuntime: string | null;
  /** Why the primary runtime was chosen, one sentence; null without one. */
  readonly primaryReason: string | null;
  readonly runtimes: readonly {
    family: string;
    evidence: 'executor' | 'io-types' | 'building-block';
    crates: readonly JsonRuntimeCrate[];
    reasons: readonly string[];
  }[];
  readonly frameworks: readonly { crate: string; version: string; kind: string; runtime: string }[];
  readonly findings: readonly JsonFinding[];
  /** Dependency strings left out as Cargo leaves them out. */
  readonly warnings: readonly { line: number; dependency: string; dependent: string; reason: string; message: string }[];
  /** Diff mode: the base could not be read, so nothing was compared; absent otherwise. */
  readonly baseError?: JsonLockfileError;
  /** The policy file used (null: none found, the defaults); absent when the caller did not say. */
  readonly policyFile?: string | null;
  /** Present when manifests were given: problems reading them, each naming its file. */
  readonly manifestWarnings?: readonly { file: string; line: number | null; key: string | null; message: string }[];
}

/**
 * A runtime crate. `reach` and `ways` only when the workspace's manifests were read: `reach` lists
 * the members per class, each member under its strongest way in its default build (normal > target >
 * build); a member whose default build does not reach the crate may be under both `dev` and `optional`.
 */
export interface JsonRuntimeCrate {
  readonly name: string;
  readonly version: string;
  readonly reach?: {
    normal: readonly string[];
    target: readonly string[];
    build: readonly string[];
    dev: readonly string[];
    optional: readonly string[];
  };
  /** One entry per member and class: the cfgs of the target tables on the way, the member's features that turn it on, and for an indirect way the first registry crates on it. */
  readonly ways?: readonly {
    member: string;
    class: 'normal' | 'target' | 'build' | 'dev' | 'optional';
    cfgs: readonly string[];
    features: readonly string[];
    direct: boolean;
    via: readonly string[];
  }[];
  /** `cargo build` at the workspace root (its default members) builds it. */
  readonly defaultBuild?: boolean;
}

/** Builds the JSON report object (stable key order); `JSON.stringify` it to print. */
export function toJsonReport(audit: Audit): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    mode: audit.mode,
    lockfiles: [
      ...audit.lockfiles.map(({ path, diff, warnings, baseError, policyFile, manifestWarnings }): JsonAuditedLockfile => {
        const head = diff.head;
        const findings: JsonFinding[] =
          audit.mode === 'diff'
            ? [
                ...diff.findings.introduced.map((finding) => ({ ...finding, status: 'introduced' as const })),
                ...diff.findings.resolved.map((finding) => ({ ...finding, status: 'resolved' as const })),
                ...diff.findings.unchanged.map((finding) => ({ ...finding, status: 'unchanged' as const })),
              ]
            : [...head.findings];
        return {
          path,
          formatVersion: head.lockfile.formatVersion,
          packageCount: head.lockfile.packageCount,
          primaryRuntime: head.primaryRuntime?.family ?? null,
          primaryReason: head.primaryRuntime?.explanation ?? null,
          runtimes: head.runtimes.map((runtime) => ({
            family: runtime.family,
            evidence: runtime.evidence,
            crates: runtime.crates.map((crate) => runtimeCrate(crate, head.scope)),
            reasons: runtime.reasons,
          })),
          frameworks: head.frameworks.map((framework) => ({
            crate: framework.crate,
            version: framework.version,
            kind: framework.kind,
            runtime: framework.runtime,
          })),
          findings,
          warnings: (warnings ?? []).map(({ line, dependency, dependent, reason, message }) => ({
            line,
            dependency,
            dependent,
            reason,
            message,
          })),
          ...(baseError ? { baseError: jsonError(baseError) } : {}),
          ...(policyFile !== undefined ? { policyFile } : {}),
          ...(manifestWarnings
            ? {
                manifestWarnings: manifestWarnings.map(({ file, line, key, message }) => ({
                  file,
                  line: line ?? null,
                  key: key ?? null,
                  message,
                })),
              }
            : {}),
        };
      }),
      ...(audit.unreadable ?? []).map(({ path, error }) => ({ path, error: jsonError(error) })),
    ],
    ...(audit.advisoryData ? { advisoryData: audit.advisoryData } : {}),
  };
}

function runtimeCrate(crate: { name: string; version: string }, scope: ReportScope | undefined): JsonRuntimeCrate {
  if (!scope) return { name: crate.name, version: crate.version };
  const scoped = scope.crates.find((candidate) => candidate.name === crate.name && candidate.version === crate.version);
  if (!scoped) return { name: crate.name, version: crate.version };
  return {
    name: crate.name,
    version: crate.version,
    reach: { ...scoped.reach },
    ways: scoped.ways.map(({ member, class: kind, cfgs, features, direct, via }) => ({ member, class: kind, cfgs, features, direct, via })),
    defaultBuild: scoped.defaultBuild,
  };
}

function jsonError(problem: LockfileProblem): JsonLockfileError {
  return { message: problem.message, code: problem.code, line: problem.line ?? null, column: problem.column ?? null };
}

/** The JSON report as text, two-space indented. */
export function renderJson(audit: Audit): string {
  return `${JSON.stringify(toJsonReport(audit), null, 2)}\n`;
}
