import { LockfileError, type SourceLocation } from './errors.js';
import { findLineOf } from './lines.js';

/** Tables only a Cargo.toml has; a Cargo.lock has `[[package]]` arrays, never a `[package]` table. */
const MANIFEST_TABLES = ['workspace', 'dependencies', 'dev-dependencies', 'build-dependencies', 'lib', 'bin', 'features', 'profile'];

/**
 * Refuses a TOML document that is not a Cargo.lock, saying what it is: an empty file, a Cargo.toml
 * given by mistake, or TOML without a single `[[package]]`. Cargo would read any of these as a
 * lockfile of no packages; audited as one, it would be a false all-clear (and in a diff, every
 * finding "resolved"). Every lockfile Cargo writes lists at least the workspace's own packages.
 *
 * @throws LockfileError (`not-a-lockfile`)
 */
export function refuseNonLockfile(
  text: string,
  document: unknown,
  at: (location: Omit<SourceLocation, 'fileName'>) => SourceLocation,
): void {
  const table = document as Record<string, unknown>;
  const keys = Object.keys(table);
  if (keys.length === 0) {
    throw new LockfileError(
      'not-a-lockfile',
      `the file is ${text.trim() === '' ? 'empty' : 'TOML with no keys at all (only comments)'}; expected a Cargo.lock, which lists packages in [[package]] tables`,
      at({}),
    );
  }
  const manifestTable =
    table.package !== undefined && !Array.isArray(table.package) ? 'package' : MANIFEST_TABLES.find((key) => key in table);
  if (manifestTable !== undefined) {
    const line = findLineOf(text, `[${manifestTable}]`);
    throw new LockfileError(
      'not-a-lockfile',
      `this is a Cargo.toml manifest (it has a [${manifestTable}] table), not a Cargo.lock; give the Cargo.lock that Cargo writes next to it`,
      at({ ...(line ? { line } : {}), key: manifestTable }),
    );
  }
  const packages = table.package;
  if ((!Array.isArray(packages) || packages.length === 0) && table.root === undefined) {
    throw new LockfileError(
      'not-a-lockfile',
      `the file is TOML but not a Cargo.lock: it has no [[package]] table (its top-level keys: ${keys.join(', ')}); a Cargo.lock lists every package of the build, at least the workspace's own`,
      at({ key: 'package' }),
    );
  }
}
