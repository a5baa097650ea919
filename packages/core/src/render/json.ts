import type { Finding } from '../findings/types.js';
import type { Audit } from './audit.js';

/** The version of the JSON output's shape; bumped on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** A finding in the JSON output; `status` only in diff mode. */
export interface JsonFinding extends Finding {
  readonly status?: 'introduced' | 'resolved' | 'unchanged';
}

/** The JSON output (`schemaVersion: 1`), documented in the CLI README. */
export interface JsonReport {
  readonly schemaVersion: 1;
  readonly mode: 'audit' | 'diff';
  readonly lockfiles: readonly {
    readonly path: string;
    readonly formatVersion: number;
    readonly packageCount: number;
    readonly primaryRuntime: string | null;
    /** Why the primary runtime was chosen, one sentence; null without one. */
    readonly primaryReason: string | null;
    readonly runtimes: readonly {
      family: string;
      evidence: 'executor' | 'io-types' | 'building-block';
      crates: readonly { name: string; version: string }[];
      reasons: readonly string[];
    }[];
    readonly frameworks: readonly { crate: string; version: string; kind: string; runtime: string }[];
    readonly findings: readonly JsonFinding[];
  }[];
}

/** Builds the JSON report object (stable key order); `JSON.stringify` it to print. */
export function toJsonReport(audit: Audit): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    mode: audit.mode,
    lockfiles: audit.lockfiles.map(({ path, diff }) => {
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
          crates: runtime.crates,
          reasons: runtime.reasons,
        })),
        frameworks: head.frameworks.map((framework) => ({
          crate: framework.crate,
          version: framework.version,
          kind: framework.kind,
          runtime: framework.runtime,
        })),
        findings,
      };
    }),
  };
}

/** The JSON report as text, two-space indented. */
export function renderJson(audit: Audit): string {
  return `${JSON.stringify(toJsonReport(audit), null, 2)}\n`;
}
