import { MAX_PATH_STEPS, rememberPathLength } from '../findings/bounds.js';
import type { PathStep } from '../findings/types.js';
import type { Graph } from '../graph/build.js';
import { whyNode } from '../graph/why.js';
import { FRAMEWORKS } from '../knowledge/frameworks.js';
import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { Framework, FrameworkKind, RuntimeFamily, RuntimeFamilyId } from '../knowledge/types.js';
import type { Package } from '../lockfile/types.js';
import type { Policy } from '../policy/schema.js';
import { versionInRange } from './versions.js';

/** A runtime family found in the graph, and how sure we are that its executor is there. */
export interface RuntimePresence {
  readonly family: RuntimeFamilyId;
  readonly name: string;
  /** `executor`: an executor crate is in the graph; `building-block`: only its building blocks are. */
  readonly evidence: 'executor' | 'building-block';
  /** The executor crates present (for `executor`), or the building blocks present. */
  readonly crates: readonly { readonly name: string; readonly version: string }[];
  /** How many workspace members reach one of its executor crates (0 for building blocks). */
  readonly rootsReaching: number;
  /** How many packages depend directly on its executor crates: how much of the build is written for it. */
  readonly directDependents: number;
}

/** A framework, server, client or runtime adapter found in the graph. */
export interface FrameworkPresence {
  readonly crate: string;
  readonly name: string;
  readonly kind: FrameworkKind;
  readonly version: string;
  /** The runtime this version needs, `none` when synchronous, `adapter` when an adapter crate decides. */
  readonly runtime: RuntimeFamilyId | 'none' | 'adapter';
  readonly through: readonly string[];
}

/** Which runtime the workspace is meant to run on, and why we think so. */
export interface PrimaryRuntime {
  readonly family: RuntimeFamilyId;
  readonly reason: 'policy' | 'most-used';
}

/** Everything the rules read: built once per analysis, never changed by a rule. */
export interface AnalysisContext {
  readonly graph: Graph;
  readonly policy: Policy;
  /** Today, `YYYY-MM-DD`, for exception expiry. */
  readonly today: string;
  readonly runtimes: readonly RuntimePresence[];
  /** Executor nodes of each family present with executor evidence. */
  readonly executorNodes: ReadonlyMap<RuntimeFamilyId, readonly number[]>;
  readonly primary?: PrimaryRuntime;
  readonly frameworks: readonly (FrameworkPresence & { readonly node: number; readonly entry: Framework })[];
  /** The shortest why-path of a node and how many roots reach it (memoised). */
  explain(node: number): { readonly path: readonly PathStep[]; readonly rootsReaching: number; readonly roots: readonly string[] };
  packageAt(node: number): Package;
}

export function buildContext(graph: Graph, policy: Policy, today: string): AnalysisContext {
  const explained = new Map<number, ReturnType<AnalysisContext['explain']>>();
  const explain = (node: number): ReturnType<AnalysisContext['explain']> => {
    let result = explained.get(node);
    if (!result) {
      const why = whyNode(graph, node, 1, MAX_PATH_STEPS);
      result = {
        path: rememberPathLength(
          (why.paths[0] ?? []).map((pkg) => ({ name: pkg.name, version: pkg.version })),
          why.pathLengths[0] ?? 0,
        ),
        rootsReaching: why.rootsReaching.length,
        roots: why.rootsReaching.map((pkg) => pkg.name),
      };
      explained.set(node, result);
    }
    return result;
  };
  const packageAt = (node: number): Package => graph.packages[node] as Package;
  const nodesOf = (crates: readonly string[]): number[] => crates.flatMap((crate) => graph.byName.get(crate) ?? []);

  const runtimes: RuntimePresence[] = [];
  const executorNodes = new Map<RuntimeFamilyId, number[]>();
  for (const family of RUNTIME_FAMILIES) {
    const presence = detectRuntime(family, nodesOf(family.executors), nodesOf(family.buildingBlocks), explain, packageAt, graph);
    if (!presence) continue;
    runtimes.push(presence);
    if (presence.evidence === 'executor') executorNodes.set(family.id, nodesOf(family.executors));
  }

  const frameworks = FRAMEWORKS.flatMap((entry) =>
    (graph.byName.get(entry.crate) ?? []).flatMap((node) => {
      const pkg = packageAt(node);
      const line = entry.lines.find((candidate) => versionInRange(pkg.version, candidate.versions));
      if (!line) return [];
      return [
        {
          crate: entry.crate,
          name: entry.name,
          kind: entry.kind,
          version: pkg.version,
          runtime: line.runtime,
          through: line.through,
          node,
          entry,
        },
      ];
    }),
  );

  return {
    graph,
    policy,
    today,
    runtimes,
    executorNodes,
    ...choosePrimary(policy, runtimes),
    frameworks,
    explain,
    packageAt,
  };
}

function detectRuntime(
  family: RuntimeFamily,
  executors: readonly number[],
  buildingBlocks: readonly number[],
  explain: AnalysisContext['explain'],
  packageAt: (node: number) => Package,
  graph: Graph,
): RuntimePresence | undefined {
  const describe = (node: number) => ({ name: packageAt(node).name, version: packageAt(node).version });
  if (executors.length > 0) {
    const roots = new Set(executors.flatMap((node) => explain(node).roots));
    const dependents = new Set(executors.flatMap((node) => graph.dependents[node] ?? []));
    return {
      family: family.id,
      name: family.name,
      evidence: 'executor',
      crates: executors.map(describe),
      rootsReaching: roots.size,
      directDependents: dependents.size,
    };
  }
  if (buildingBlocks.length > 0) {
    return {
      family: family.id,
      name: family.name,
      evidence: 'building-block',
      crates: buildingBlocks.map(describe),
      rootsReaching: 0,
      directDependents: 0,
    };
  }
  return undefined;
}

function choosePrimary(policy: Policy, runtimes: readonly RuntimePresence[]): { primary?: PrimaryRuntime } {
  if (policy.runtime) return { primary: { family: policy.runtime, reason: 'policy' } };
  // The runtime most of the build is written for: most direct dependents of its executor, then most
  // workspace members reaching it, then knowledge-base order (tokio first). A new member that pulls in
  // a second runtime reaches it too, so counting members alone would crown the newcomer.
  let best: RuntimePresence | undefined;
  for (const presence of runtimes) {
    if (presence.evidence !== 'executor') continue;
    if (
      !best ||
      presence.directDependents > best.directDependents ||
      (presence.directDependents === best.directDependents && presence.rootsReaching > best.rootsReaching)
    ) {
      best = presence;
    }
  }
  return best ? { primary: { family: best.family, reason: 'most-used' } } : {};
}

/** A finding as a rule reports it; `analyze` adds severity, fingerprint, docs link and exceptions. */
export interface FindingDraft {
  readonly crate: string;
  readonly version: string;
  /** The node the finding is located at. */
  readonly node: number;
  readonly message: string;
  readonly suggestion: string;
  readonly paths: readonly (readonly PathStep[])[];
  readonly rootsReaching: number;
  /** What identifies the problem across commits, without the rule id (added by analyze). */
  readonly key: string;
  /** The packages an `[[allow]]` exception must cover for the finding to be dropped. */
  readonly subjects: readonly number[];
}

/** Formats `name version`, the way messages name a package. */
export function nameVersion(pkg: { name: string; version: string }): string {
  return `${pkg.name} ${pkg.version}`;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
