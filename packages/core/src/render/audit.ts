import type { AdvisorySource } from '../advisories/types.js';
import type { LockfileDiff } from '../diff.js';
import type { Finding } from '../findings/types.js';
import type { LockfileWarning } from '../lockfile/types.js';
import type { ManifestProblem } from '../manifest/types.js';

/** Why a lockfile could not be read: the parser's message and where in the file, when known. */
export interface LockfileProblem {
  /** For a person, starting with the location (`Cargo.lock:12: …`). */
  readonly message: string;
  /** A stable code (`toml-syntax`, `not-a-lockfile`, `duplicate-package`, …). */
  readonly code: string;
  /** The file as named in the message (the path, with ` (base)` for a diff's base). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** A lockfile that was read and analyzed. */
export interface AuditedLockfile {
  readonly path: string;
  readonly diff: LockfileDiff;
  /** Dependency edges dropped as Cargo drops them (see `Lockfile.warnings`). */
  readonly warnings?: readonly LockfileWarning[];
  /**
   * Present when manifests were given: the problems met reading them (a manifest that cannot be
   * parsed, a member without a manifest, a stale lockfile), each a warning naming the file.
   */
  readonly manifestWarnings?: readonly ManifestProblem[];
  /** Diff mode: the base could not be read, so every head finding counts as if the lockfile were new. */
  readonly baseError?: LockfileProblem;
  /** The policy file used for this lockfile, null when none was found (the defaults); absent when not told. */
  readonly policyFile?: string | null;
}

/** A lockfile that could not be read at all: it is reported with its error, never silently skipped. */
export interface UnreadableLockfile {
  readonly path: string;
  readonly error: LockfileProblem;
}

/**
 * What the renderers take: the lockfiles audited, each with its diff, and the ones that could not be
 * read. In `audit` mode there is no base (every finding is current); in `diff` mode findings are
 * introduced, resolved or unchanged.
 */
export interface Audit {
  readonly mode: 'audit' | 'diff';
  readonly lockfiles: readonly AuditedLockfile[];
  /** Lockfiles that could not be read, in input order. Absent means none. */
  readonly unreadable?: readonly UnreadableLockfile[];
  /** The rules README that findings link to, when not the package's homepage (see `DOCS_BASE_URL`). */
  readonly docsBaseUrl?: string;
  /** The RustSec data the `rustsec-advisory` rule read; absent when the rule was off. */
  readonly advisoryData?: AdvisoryDataNote;
}

/** Which advisory data a run used, and whether a bundled snapshot is older than {@link STALE_AFTER_DAYS}. */
export interface AdvisoryDataNote extends AdvisorySource {
  /** Days between the data's date and the day of the run. */
  readonly ageDays: number;
  readonly stale: boolean;
}

/** A bundled snapshot older than this many days is called stale in reports. */
export const STALE_AFTER_DAYS = 90;

/** One line saying which advisory data was used: `RustSec advisory-db bf5c0d2 of 2026-08-21 (bundled snapshot)`. */
export function describeAdvisoryData(note: AdvisoryDataNote): string {
  const what = `RustSec advisory-db${note.commit ? ` ${note.commit.slice(0, 7)}` : ''} of ${note.date}`;
  const kind = note.kind === 'bundled' ? 'bundled snapshot' : 'local checkout';
  const stale = note.stale
    ? `; stale: ${note.ageDays} days old, give a fresh checkout with --advisory-db (CLI) or advisory-db (Action)`
    : '';
  return `${what} (${kind}, ${note.count} advisories${stale})`;
}

/** The findings of one lockfile that count: introduced ones in diff mode, every current one otherwise. */
export function countedFindings(audit: Audit, diff: LockfileDiff): readonly Finding[] {
  return audit.mode === 'diff' ? diff.findings.introduced : diff.head.findings;
}
