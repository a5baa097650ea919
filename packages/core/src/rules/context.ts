import type { RuntimeAdvice } from '../advice/runtime.js';
import type { AdvisoryDatabase } from '../advisories/database.js';
import { describePackage, knownNodes } from '../evidence/match.js';
import { choosePrimary, type PrimaryRuntime } from '../evidence/primary.js';
import { collectRuntimeEvidence, type RuntimeEvidence, type RuntimePresence } from '../evidence/runtimes.js';
import { MAX_PATH_STEPS, rememberPathLength } from '../findings/bounds.js';
import type { PathStep, Severity } from '../findings/types.js';
import type { Graph } from '../graph/build.js';
import { computeReach, type WorkspaceReach } from '../graph/reach.js';
import { whyNode } from '../graph/why.js';
import { FRAMEWORKS } from '../knowledge/frameworks.js';
import type { Framework, FrameworkKind, RuntimeFamilyId } from '../knowledge/types.js';
import type { Package } from '../lockfile/types.js';
import type { Workspace } from '../manifest/types.js';
import type { Policy } from '../policy/schema.js';
import { versionInRange } from './versions.js';

export type { PrimaryRuntime, RuntimePresence };

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

/** Everything the rules read: built once per analysis, never changed by a rule. */
export interface AnalysisContext {
  readonly graph: Graph;
  readonly policy: Policy;
  /** Today, `YYYY-MM-DD`, for exception expiry. */
  readonly today: string;
  readonly runtimes: readonly RuntimePresence[];
  /** Which runtimes run, which are I/O types only, whose machinery, which lines: rules read it, never recompute it. */
  readonly evidence: RuntimeEvidence;
  /** Nodes of each family that run (the same as `evidence.running`). */
  readonly executorNodes: ReadonlyMap<RuntimeFamilyId, readonly number[]>;
  readonly primary?: PrimaryRuntime;
  /** Advisory data given to the analysis; absent means the bundled snapshot. */
  readonly advisories?: AdvisoryDatabase;
  /** Registry and git nodes of a crate: the only ones knowledge is matched against. */
  knownNodes(crate: string): readonly number[];
  /** `name version`, with `(git)` for git sources. */
  describe(node: number): string;
  readonly frameworks: readonly (FrameworkPresence & { readonly node: number; readonly entry: Framework })[];
  /** The shortest why-path of a node and how many roots reach it (memoised). */
  explain(node: number): { readonly path: readonly PathStep[]; readonly rootsReaching: number; readonly roots: readonly string[] };
  packageAt(node: number): Package;
  /** How the workspace's members reach each runtime crate, when its manifests were read. */
  readonly reach?: WorkspaceReach;
  /** The workspace's manifests, when read: advice quotes their declarations. */
  readonly workspace?: Workspace;
}

/** What {@link buildContext} reads besides graph, policy and day. */
export interface ContextOptions {
  /** The base report's primary runtime, in diff mode. */
  readonly basePrimary?: RuntimeFamilyId;
  /** Advisory data to use instead of the bundled snapshot. */
  readonly advisories?: AdvisoryDatabase;
  /** The workspace's manifests, read: runtime findings then follow how members reach each runtime. */
  readonly workspace?: Workspace;
}

export function buildContext(graph: Graph, policy: Policy, today: string, options: ContextOptions = {}): AnalysisContext {
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
  const evidence = collectRuntimeEvidence(graph);
  const runtimes = evidence.runtimes;
  const primary = choosePrimary(runtimes, {
    ...(policy.runtime ? { policyRuntime: policy.runtime } : {}),
    ...(options.basePrimary ? { basePrimary: options.basePrimary } : {}),
    discouragedByPolicy: runtimesDiscouragedByPolicy(policy, evidence, packageAt),
  });

  const frameworks = FRAMEWORKS.flatMap((entry) =>
    knownNodes(graph, entry.crate).flatMap((node) => {
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

  const reach = options.workspace ? computeReach(graph, options.workspace, runtimeNodes(graph, evidence)) : undefined;
  return {
    graph,
    policy,
    today,
    ...(reach ? { reach } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
    runtimes,
    evidence,
    executorNodes: evidence.running,
    ...(primary ? { primary } : {}),
    ...(options.advisories ? { advisories: options.advisories } : {}),
    frameworks,
    explain,
    packageAt,
    knownNodes: (crate) => knownNodes(graph, crate),
    describe: (node) => describePackage(packageAt(node)),
  };
}

/** Every node the runtime findings can name: running executors, I/O-types-only crates and the crates listed per runtime. */
function runtimeNodes(graph: Graph, evidence: RuntimeEvidence): number[] {
  const nodes = new Set<number>();
  for (const list of [...evidence.running.values(), ...evidence.ioTypesOnly.values()]) for (const node of list) nodes.add(node);
  for (const runtime of evidence.runtimes) {
    for (const crate of runtime.crates) {
      for (const node of knownNodes(graph, crate.name)) if (graph.packages[node]?.version === crate.version) nodes.add(node);
    }
  }
  return [...nodes].sort((a, b) => a - b);
}

/** Families whose every running crate a policy `[[discouraged]]` entry covers. */
function runtimesDiscouragedByPolicy(
  policy: Policy,
  evidence: RuntimeEvidence,
  packageAt: (node: number) => Package,
): Set<RuntimeFamilyId> {
  const result = new Set<RuntimeFamilyId>();
  for (const [family, nodes] of evidence.running) {
    const covered = nodes.every((node) =>
      policy.discouraged.some((entry) => entry.crate === packageAt(node).name && versionInRange(packageAt(node).version, entry.versions)),
    );
    if (covered && nodes.length > 0) result.add(family);
  }
  return result;
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
  /**
   * The key this finding has when no manifests are read, when the manifests' reach changes it
   * (`async-std@dev` → `async-std`): a diff with manifests on one side only compares by it.
   */
  readonly lockfileKey?: string;
  /** The packages an `[[allow]]` exception must cover for the finding to be dropped. */
  readonly subjects: readonly number[];
  /**
   * Every node the finding's cause covers (its subjects, the runtime's machinery, the line's own
   * crates, the runtimes it names): a finding about one of them comes with the same cause.
   */
  readonly involves?: readonly number[];
  /** The most serious severity the evidence allows (tokio I/O types only: `notice`). */
  readonly atMost?: Severity;
  /** For a second runtime: which crates decide it is built and what to change in each. */
  readonly advice?: readonly RuntimeAdvice[];
  /** The page of the fact the finding rests on (`https://rustsec.org/advisories/ID`). */
  readonly reference?: string;
  /** The exact severity a policy gave this finding (an `[advisories]` override); wins over the rule's. */
  readonly severity?: Severity;
  /** Set when a policy entry other than `[[allow]]` (an advisory `ignore`) keeps the finding out of the report. */
  readonly ignoredBy?: { readonly reason: string; readonly origin: string };
}

/** Formats `name version`, the way messages name a package. */
export function nameVersion(pkg: { name: string; version: string }): string {
  return `${pkg.name} ${pkg.version}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
