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
  /**
   * How many steps each path of `paths` has in full. A path longer than `maxSteps` keeps only its
   * first and last steps (the middle is left out), so its length here is larger than its array's.
   */
  readonly pathLengths: readonly number[];
}

/** Options of {@link whyPaths}. */
export interface WhyPathsOptions {
  /** How many paths to return per version, each from a different root. Default 1. */
  limit?: number;
  /**
   * Longest path kept, in steps: a longer one keeps its first and last steps and `pathLengths` says
   * how long it is. Bounds memory on deep chains (20,000 crates deep × 2,000 targets). Default: no bound.
   */
  maxSteps?: number;
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
  return nodes.map((node) => whyNode(graph, node, options.limit ?? 1, options.maxSteps));
}

/** {@link whyPaths} for one node number of the graph. */
export function whyNode(graph: Graph, node: number, limit = 1, maxSteps = Number.POSITIVE_INFINITY): WhyResult {
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
    const dependents = graph.dependents[current] as readonly number[];
    for (let index = 0; index < dependents.length; index++) {
      const dependent = dependents[index] as number;
      if (toward[dependent] !== -1) continue;
      toward[dependent] = current;
      queue[tail++] = dependent;
    }
  }
  const routes = reachingInOrder.slice(0, Math.max(0, limit)).map((root) => walkPath(graph, toward, root, node, maxSteps));
  const rootsReaching = graph.roots.filter((root) => toward[root] !== -1).map((root) => graph.packages[root] as Package);
  return {
    target: graph.packages[node] as Package,
    paths: routes.map((route) => route.path),
    rootsReaching,
    pathLengths: routes.map((route) => route.length),
  };
}

/** The path from `root` to `target` along `toward`, its middle left out when longer than `maxSteps`. */
function walkPath(graph: Graph, toward: Int32Array, root: number, target: number, maxSteps: number): { path: Package[]; length: number } {
  let length = 1;
  for (let step = root; step !== target; step = toward[step] as number) length++;
  const head = length > maxSteps ? Math.ceil(maxSteps / 2) : length;
  const tail = length > maxSteps ? Math.floor(maxSteps / 2) : 0;
  const path: Package[] = [];
  let index = 0;
  for (let step = root; ; step = toward[step] as number, index++) {
    if (index < head || index >= length - tail) path.push(graph.packages[step] as Package);
    if (step === target) break;
  }
  return { path, length };
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
