import type { Source } from './source.js';

/**
 * A stable identifier for one package of a lockfile: `name version` for path packages (workspace
 * members) and `name version (source)` for the others, the way format v1 wrote dependencies.
 */
export type PackageId = string;

/** The lockfile formats Cargo has written. */
export type LockfileFormat = 1 | 2 | 3 | 4;

/** One `[[package]]` entry, with its dependencies resolved to package ids. */
export interface Package {
  readonly id: PackageId;
  readonly name: string;
  readonly version: string;
  /** Absent for path packages: workspace members and local path dependencies. */
  readonly source?: Source;
  readonly checksum?: string;
  /** The ids of the packages this one depends on, in lockfile order. */
  readonly dependencies: readonly PackageId[];
  /** 1-based line of the package's `[[package]]` header, for annotations; 0 when it could not be located (a file not written by Cargo, e.g. with inline tables). */
  readonly line: number;
}

/** A `[[patch.unused]]` entry: a patch Cargo could not apply. */
export interface UnusedPatch {
  readonly name: string;
  readonly version: string;
  readonly source?: Source;
  readonly line: number;
}

/** Why Cargo would drop a dependency edge when it loads the lockfile. */
export type DroppedDependencyReason = 'unknown-dependency' | 'ambiguous-dependency';

/**
 * A dependency string of a `[[package]]` that names no package, or more than one: Cargo drops such an
 * edge when it loads the file (rust-lang/cargo@af373f76 src/resolver/encode.rs:304, `lookup_id` returns
 * None), and so does the parser, keeping this note so reports can say so.
 */
export interface LockfileWarning {
  readonly code: DroppedDependencyReason;
  /** The file name given to the parser, when there was one. */
  readonly fileName?: string;
  /** 1-based line of the dependency string (or of its package's header when it could not be found). */
  readonly line: number;
  /** The dependency string exactly as written. */
  readonly dependency: string;
  /** The package whose `dependencies` list holds it. */
  readonly dependent: PackageId;
  /** Why it was dropped, for a person: `matches no package named "x"`, `matches 2 packages: …`. */
  readonly reason: string;
  /** `file:line: dependency "…" of package "…" was dropped: reason`. */
  readonly message: string;
}

/** A parsed, validated Cargo.lock. */
export interface Lockfile {
  /** The file name the caller gave, used in messages. */
  readonly fileName?: string;
  readonly formatVersion: LockfileFormat;
  /** Every package, in lockfile order. */
  readonly packages: readonly Package[];
  readonly unusedPatches: readonly UnusedPatch[];
  /** Dependency edges dropped as Cargo drops them, in file order; empty for a file Cargo wrote. */
  readonly warnings: readonly LockfileWarning[];
}

/** Builds the id of a package from its parts. */
export function packageId(name: string, version: string, source?: Source | string): PackageId {
  if (source === undefined) return `${name} ${version}`;
  return `${name} ${version} (${typeof source === 'string' ? source : source.raw})`;
}
