import type { Graph } from '../graph/build.js';
import type { Package } from '../lockfile/types.js';

/**
 * The nodes of a crate that knowledge may be matched against: registry and git packages only. A
 * path package is the workspace's own code (TechEmpower's benchmark app is a path package named
 * `tide`), never the crates.io crate of the same name.
 */
export function knownNodes(graph: Graph, crate: string): number[] {
  const nodes = graph.byName.get(crate);
  if (!nodes) return [];
  return nodes.filter((node) => (graph.packages[node] as Package).source !== undefined);
}

/** `name version`, with `(git)` for a git source: a fork may differ from the published crate. */
export function describePackage(pkg: Pick<Package, 'name' | 'version' | 'source'>): string {
  return `${pkg.name} ${pkg.version}${pkg.source?.kind === 'git' ? ' (git)' : ''}`;
}
