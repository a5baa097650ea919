import type { Package } from '../lockfile/types.js';
import type { Graph } from './build.js';

/** Why one package is in the graph: how workspace members reach it. */
export interface WhyResult {
  /** The package asked about (one version of the crate). */
  readonly target: Package;
  /**
   * Shortest paths, each from a root (first element) to the target (last element), one per root,
   * shortest first, at most `limit` of them. Empty when no root reaches the target.
   */
  readonly paths: readonly (readonly Package[])[];
  /** Every root that reaches the target, sorted by name. */
  readonly rootsReaching: readonly Package[];
}

/** Options of {@link whyPaths}. */
export interface WhyPathsOptions {
  /** How many paths to return per version, each from a different root. Default 1. */
  limit?: number;
}

/**
 * Explains why a crate is in the graph, like `cargo tree -i CRATE`: for each version of the crate
 * (or for the one package whose id is given), the shortest path from each root that reaches it and
 * the list of those roots. One breadth-first search per version, linear in the size of the graph.
 *
 * @param target a crate name (every version) or a package id (that package only)
 * @example
 * for (const { target, paths } of whyPaths(graph, 'async-std')) {
 *   console.log(target.version, paths[0]?.map((p) => p.name).join(' → '));
 * }
 */
export function whyPaths(graph: Graph, target: string, options: WhyPathsOptions = {}): WhyResult[] {
  const byId = graph.byId.get(target);
  const nodes = byId !== undefined ? [byId] : (graph.byName.get(target) ?? []);
  return nodes.map((node) => whyNode(graph, node, options.limit ?? 1));
}

/** {@link whyPaths} for one node number of the graph. */
export function whyNode(graph: Graph, node: number, limit = 1): WhyResult {
  const count = graph.packages.length;
  // Breadth-first from the target along reverse edges: `toward[n]` is n's next step toward the target.
  const toward = new Int32Array(count).fill(-1);
  const isRoot = rootFlags(graph);
  const queue = new Int32Array(count);
  const reachingInOrder: number[] = [];
  let head = 0;
  let tail = 0;
  queue[tail++] = node;
  toward[node] = node;
  while (head < tail) {
    const current = queue[head++] as number;
    if (isRoot[current]) reachingInOrder.push(current);
    for (const dependent of graph.dependents[current] as readonly number[]) {
      if (toward[dependent] !== -1) continue;
      toward[dependent] = current;
      queue[tail++] = dependent;
    }
  }
  const paths = reachingInOrder.slice(0, Math.max(0, limit)).map((root) => {
    const path: Package[] = [];
    for (let step = root; ; step = toward[step] as number) {
      path.push(graph.packages[step] as Package);
      if (step === node) break;
    }
    return path;
  });
  const rootsReaching = graph.roots.filter((root) => toward[root] !== -1).map((root) => graph.packages[root] as Package);
  return { target: graph.packages[node] as Package, paths, rootsReaching };
}

const rootFlagCache = new WeakMap<Graph, Uint8Array>();

function rootFlags(graph: Graph): Uint8Array {
  let flags = rootFlagCache.get(graph);
  if (!flags) {
    flags = new Uint8Array(graph.packages.length);
    for (const root of graph.roots) flags[root] = 1;
    rootFlagCache.set(graph, flags);
  }
  return flags;
}
