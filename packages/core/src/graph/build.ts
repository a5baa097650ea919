import { LockfileError } from '../lockfile/errors.js';
import type { Lockfile, Package, PackageId } from '../lockfile/types.js';

/**
 * A lockfile's dependency graph, built once and then only read. Nodes are numbered by their index in
 * `packages` (the lockfile order); edges are lists of such indices, in both directions.
 */
export interface Graph {
  readonly lockfile: Lockfile;
  /** Every package; a package's index here is its node number. */
  readonly packages: readonly Package[];
  /** `dependencies[i]`: the node numbers package `i` depends on. */
  readonly dependencies: readonly (readonly number[])[];
  /** `dependents[i]`: the node numbers that depend on package `i`. */
  readonly dependents: readonly (readonly number[])[];
  /** Workspace members and path packages: the packages without a source, sorted by name. */
  readonly roots: readonly number[];
  /** Node numbers of every version of a crate, by crate name. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** Node number of a package by its id. */
  readonly byId: ReadonlyMap<PackageId, number>;
}

/**
 * Builds the dependency graph of a parsed lockfile. Linear in packages plus dependency edges.
 *
 * @example
 * const graph = buildGraph(parseLockfile(text));
 * const tokioVersions = graph.byName.get('tokio') ?? [];
 */
export function buildGraph(lockfile: Lockfile): Graph {
  const packages = lockfile.packages;
  const byId = new Map<PackageId, number>();
  const byName = new Map<string, number[]>();
  packages.forEach((pkg, index) => {
    byId.set(pkg.id, index);
    const sameName = byName.get(pkg.name);
    if (sameName) sameName.push(index);
    else byName.set(pkg.name, [index]);
  });
  const dependents: number[][] = packages.map(() => []);
  const dependencies = packages.map((pkg, index) => {
    const targets: number[] = [];
    // An indexed loop: a for-of allocates an iterator result per edge before the code is optimised.
    for (let edge = 0; edge < pkg.dependencies.length; edge++) {
      const dependencyId = pkg.dependencies[edge] as PackageId;
      const target = byId.get(dependencyId);
      // parseLockfile resolves every dependency, so a miss means a hand-made Lockfile.
      if (target === undefined) {
        throw new LockfileError(
          'unknown-dependency',
          `dependency "${dependencyId}" of package "${pkg.id}" matches no package in the lockfile`,
          {
            ...(lockfile.fileName !== undefined ? { fileName: lockfile.fileName } : {}),
            line: pkg.line,
            key: dependencyId,
          },
        );
      }
      targets.push(target);
      (dependents[target] as number[]).push(index);
    }
    return targets;
  });
  const roots = packages
    .map((pkg, index) => (pkg.source === undefined ? index : -1))
    .filter((index) => index >= 0)
    .sort((a, b) => compareNames(packages[a] as Package, packages[b] as Package));
  return { lockfile, packages, dependencies, dependents, roots, byName, byId };
}

function compareNames(a: Package, b: Package): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
