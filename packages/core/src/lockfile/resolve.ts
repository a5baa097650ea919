import type { Source } from './source.js';
import type { DroppedDependencyReason, PackageId } from './types.js';

/*
 * Dependency strings resolved exactly as Cargo's `into_resolve` does when it loads a Cargo.lock.
 * References are to rust-lang/cargo@af373f76 (the files moved since: src/resolver/encode.rs was
 * src/cargo/core/resolver/encode.rs, src/workspace/source_id.rs was src/cargo/core/source_id.rs).
 */

/** A package as the resolver sees it. */
export interface ResolvablePackage {
  readonly id: PackageId;
  readonly name: string;
  readonly version: string;
  /** Absent for path packages. */
  readonly source?: Source;
}

/** Where a dependency string leads: a package, or the reason Cargo would drop the edge. */
export type Resolution = { readonly id: PackageId } | { readonly dropped: DroppedDependencyReason; readonly reason: string };

/** The parts of a dependency string; `source` is the text between the parentheses. */
export interface DependencyParts {
  readonly name: string;
  readonly version?: string;
  readonly source?: string;
}

/**
 * Splits a dependency string as `FromStr for TomlLockfilePackageId` does
 * (crates/cargo-util-schemas/src/lockfile.rs:238-249): at most three parts on single spaces, the
 * third wrapped in parentheses. Undefined when the third part is not: Cargo refuses such a file.
 */
export function splitDependency(dependency: string): DependencyParts | undefined {
  const firstSpace = dependency.indexOf(' ');
  if (firstSpace < 0) return { name: dependency };
  const name = dependency.slice(0, firstSpace);
  const secondSpace = dependency.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0) return { name, version: dependency.slice(firstSpace + 1) };
  const version = dependency.slice(firstSpace + 1, secondSpace);
  const sourcePart = dependency.slice(secondSpace + 1);
  if (!sourcePart.startsWith('(') || !sourcePart.endsWith(')') || sourcePart.length < 2) return undefined;
  return { name, version, source: sourcePart.slice(1, -1) };
}

/**
 * Resolves dependency strings to package ids. Each distinct string is resolved once and remembered,
 * so every edge after the first costs one map lookup (a lockfile repeats the same strings many times).
 */
export class DependencyResolver {
  /** name → version → packages of that name and version (encode.rs:222-230 builds the same map). */
  private readonly byName = new Map<string, Map<string, ResolvablePackage[]>>();
  private readonly resolved = new Map<string, Resolution>();

  /** @param readSource parses the source inside a dependency string; it throws for one Cargo cannot read. */
  constructor(
    packages: readonly ResolvablePackage[],
    private readonly readSource: (raw: string) => Source,
  ) {
    // Indexed loops here and in the reader's other per-package passes: a for-of allocates an
    // iterator result per step in a process that has just started (before any code is optimised).
    for (let index = 0; index < packages.length; index++) {
      const entry = packages[index] as ResolvablePackage;
      let byVersion = this.byName.get(entry.name);
      if (!byVersion) {
        byVersion = new Map();
        this.byName.set(entry.name, byVersion);
      }
      const sameVersion = byVersion.get(entry.version);
      if (sameVersion) sameVersion.push(entry);
      else byVersion.set(entry.version, [entry]);
    }
  }

  /** Where `dependency` leads; undefined for a string Cargo cannot parse at all (it refuses the file). */
  resolve(dependency: string): Resolution | undefined {
    let resolution = this.resolved.get(dependency);
    if (resolution === undefined) {
      const parts = splitDependency(dependency);
      if (parts === undefined) return undefined;
      resolution = this.lookup(parts);
      this.resolved.set(dependency, resolution);
    }
    return resolution;
  }

  /** `lookup_id`, encode.rs:232-289. */
  private lookup({ name, version, source }: DependencyParts): Resolution {
    // encode.rs:235: the name must be in the lockfile.
    const byVersion = this.byName.get(name);
    if (!byVersion) return { dropped: 'unknown-dependency', reason: `no package is named "${name}"` };

    let bySource: readonly ResolvablePackage[];
    if (version !== undefined) {
      // encode.rs:244: with a version, exactly that version.
      const sameVersion = byVersion.get(version);
      if (!sameVersion) {
        return {
          dropped: 'unknown-dependency',
          reason: `no package "${name}" has version ${version} (the lockfile has ${listVersions(byVersion)})`,
        };
      }
      bySource = sameVersion;
    } else {
      // encode.rs:245-252: without a version (format v2+), the name must have a single version.
      if (byVersion.size !== 1) {
        return {
          dropped: 'ambiguous-dependency',
          reason: `${byVersion.size} versions of "${name}" are in the lockfile (${listVersions(byVersion)}) and the string names none`,
        };
      }
      bySource = byVersion.values().next().value as ResolvablePackage[];
    }

    if (source !== undefined) {
      // encode.rs:260-262: with a source, the package whose SourceId is equal — kind, git reference and
      // canonical URL, never the #commit (source_id.rs:597-608); Source.identity holds exactly that.
      const identity = this.readSource(source).identity;
      const match = bySource.find((candidate) => candidate.source?.identity === identity);
      if (match) return { id: match.id };
      return {
        dropped: 'unknown-dependency',
        reason: `no package "${name}"${version === undefined ? '' : ` ${version}`} comes from that source (the lockfile has it from ${listSources(bySource)})`,
      };
    }

    // encode.rs:267-276: without a source, the one path package of that name and version, if exactly one.
    const pathPackages = bySource.filter((candidate) => candidate.source === undefined);
    if (pathPackages.length === 1) return { id: (pathPackages[0] as ResolvablePackage).id };
    // encode.rs:278-281: else the single package of that name and version, as format v2 writes it.
    if (pathPackages.length === 0 && bySource.length === 1) return { id: (bySource[0] as ResolvablePackage).id };
    // encode.rs:283-287: else it is ambiguous and Cargo ignores the edge.
    return {
      dropped: 'ambiguous-dependency',
      reason: `${bySource.length} packages match (${bySource.map((candidate) => `"${candidate.id}"`).join(', ')})${
        pathPackages.length > 1 ? `, ${pathPackages.length} of them path packages,` : ''
      } and the string has no source to choose one`,
    };
  }
}

function listVersions(byVersion: ReadonlyMap<string, unknown>): string {
  return [...byVersion.keys()].join(', ');
}

function listSources(packages: readonly ResolvablePackage[]): string {
  return packages.map((candidate) => (candidate.source ? `"${candidate.source.raw}"` : 'a path')).join(', ');
}
