import type { Graph } from '../graph/build.js';
import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import { RUNTIME_REPLACEMENTS, RUNTIME_SWITCHES } from '../knowledge/switches.js';
import type { ReplacementTarget, RuntimeFamilyId, RuntimeReplacement, RuntimeSwitch } from '../knowledge/types.js';
import type { Package } from '../lockfile/types.js';
import type { Workspace } from '../manifest/types.js';
import { versionInRange } from '../rules/versions.js';
import { declarationSite, type EditFallback, type ManifestEdit, manifestEdit } from './edit.js';

/** The feature change that moves one crate from the runtime to remove to the runtime to keep. */
export interface FeatureSwitch {
  /** Features to enable: the keep family's counterparts of `disable`, plus defaults worth keeping when `defaultFeaturesOff`. */
  readonly enable: readonly string[];
  /** Features that select the runtime to remove (the first is the plain switch; the others its variants). */
  readonly disable: readonly string[];
  /** True when the crate's default features enable the runtime to remove: they must be turned off. */
  readonly defaultFeaturesOff: boolean;
  /** Default features that do not select a runtime, to list again when `defaultFeaturesOff`. */
  readonly keepDefaults: readonly string[];
}

/**
 * How a workspace member reaches the crate the advice is about: through which of its own
 * dependencies, and whether that dependency is the crate itself or must pass the feature on.
 * With the workspace's manifests read ({@link withManifestEdits}), also where it is declared and the exact edit.
 */
export interface DeclaredVia {
  /** The workspace member or path package that declares the dependency. */
  readonly member: string;
  /** The registry crate the member depends on directly. */
  readonly dependency: string;
  readonly version: string;
  /**
   * `is-the-crate`: the member depends on the crate with the switch itself; `own-switch`: the direct
   * dependency has a runtime feature of its own for the runtime to keep (use it); `unknown`: nothing
   * known forwards the feature, so the direct dependency has to be replaced.
   */
  readonly forwards: 'is-the-crate' | 'own-switch' | 'unknown';
  /** When `own-switch`: the direct dependency's own feature change. */
  readonly ownSwitch?: FeatureSwitch;
  /** With manifests: the member's Cargo.toml and the line declaring `dependency`. */
  readonly declaredAt?: { readonly file: string; readonly line: number };
  /** With manifests, for a feature switch: the exact change of that declaration (or of the workspace line it inherits). */
  readonly edit?: ManifestEdit;
  /** With manifests, for a feature switch without `edit`: why there is no exact edit. */
  readonly editFallback?: EditFallback;
}

/** What to change so that one extra runtime leaves the build, for one crate on the paths to it. */
export interface RuntimeAdvice {
  /** The runtime to remove and the runtime to keep. */
  readonly remove: RuntimeFamilyId;
  readonly keep: RuntimeFamilyId;
  /**
   * `switch`: the crate selects its runtime by features; `replace`: it is bound to the runtime;
   * `direct`: a member depends on the runtime itself; `unknown`: no crate on the path is known to do either.
   */
  readonly kind: 'switch' | 'replace' | 'direct' | 'unknown';
  /** The crate to change (for `unknown`, the member's dependency the path goes through). */
  readonly crate: string;
  readonly version: string;
  readonly switch?: FeatureSwitch;
  /** For `replace`: what to use instead on the runtime to keep (empty when nothing is known). */
  readonly replacement?: readonly ReplacementTarget[];
  /** The members' dependencies that lead to the crate, at most {@link MAX_DECLARED_VIA}. */
  readonly declaredVia: readonly DeclaredVia[];
  /** How many member dependencies lead to it in all. */
  readonly declaredViaCount: number;
  /** Where the switch or binding is shown. */
  readonly source?: string;
}

/** How many member dependencies an advice lists; the count says how many there are. */
export const MAX_DECLARED_VIA = 10;

/** The switch data for one package, when its version is covered. */
export function runtimeSwitchFor(name: string, version: string): RuntimeSwitch | undefined {
  return RUNTIME_SWITCHES.find((entry) => entry.crate === name && versionInRange(version, entry.versions));
}

/** The replacement data for one package, when its version is covered. */
export function runtimeReplacementFor(name: string, version: string): RuntimeReplacement | undefined {
  return RUNTIME_REPLACEMENTS.find((entry) => entry.crate === name && versionInRange(version, entry.versions));
}

/**
 * The feature change that moves a crate from `remove` to `keep`, or undefined when the crate has no
 * feature for one of the two. Variants line up by index; one without a counterpart is left out.
 */
export function featureSwitch(entry: RuntimeSwitch, remove: RuntimeFamilyId, keep: RuntimeFamilyId): FeatureSwitch | undefined {
  const from = entry.features[remove] ?? [];
  const to = entry.features[keep] ?? [];
  if (from.length === 0 || to.length === 0) return undefined;
  const pairs = from.flatMap((feature, index) => (to[index] === undefined ? [] : [[feature, to[index] as string] as const]));
  const runtimeFeatures = new Set(Object.values(entry.features).flat());
  const defaultFeaturesOff = entry.defaultFeatures.some((feature) => from.includes(feature));
  return {
    disable: pairs.map(([feature]) => feature),
    enable: pairs.map(([, feature]) => feature),
    defaultFeaturesOff,
    keepDefaults: defaultFeaturesOff ? entry.defaultFeatures.filter((feature) => !runtimeFeatures.has(feature)) : [],
  };
}

/**
 * Finds, for one extra runtime, the crates on the paths from workspace members to its executor
 * nodes that decide whether it is built: walking up from the runtime, the first crate with a runtime
 * switch (or a known replacement) on each path, nearest to the runtime. For each, the members'
 * direct dependencies that lead to it and whether they pass a feature on. Members that reach the
 * runtime directly give `direct` advice; paths with no known crate give `unknown` advice naming the
 * member's dependency. Only registry and git packages are matched against the knowledge base.
 *
 * @param remove the family of `executorNodes`, the runtime to remove
 * @param keep the family to keep (the primary runtime)
 * @example
 * const advice = adviseRuntimeRemoval(graph, 'tokio', 'async-std', [asyncStdNode]);
 * // [{ kind: 'switch', crate: 'sqlx', switch: { disable: ['runtime-async-std'], enable: ['runtime-tokio'], … } }]
 */
export function adviseRuntimeRemoval(
  graph: Graph,
  keep: RuntimeFamilyId,
  remove: RuntimeFamilyId,
  executorNodes: readonly number[],
): RuntimeAdvice[] {
  const packageAt = (node: number) => graph.packages[node] as Package;
  const isRoot = new Uint8Array(graph.packages.length);
  for (const root of graph.roots) isRoot[root] = 1;
  const executors = new Set(executorNodes);

  // The kept runtime's own crates are never to be replaced, and which of their
  // features brings the other runtime is not known here: the walk stops at them.
  const keepFamily = RUNTIME_FAMILIES.find((family) => family.id === keep);
  const keepCrates = new Set([...(keepFamily?.executors ?? []), ...(keepFamily?.buildingBlocks ?? [])]);
  // Breadth first up from the runtime; a crate that decides stops the walk on its paths.
  const seen = new Uint8Array(graph.packages.length);
  const queue = [...executorNodes];
  for (const node of queue) seen[node] = 1;
  const deciders: { node: number; kind: 'switch' | 'replace'; entry: RuntimeSwitch | RuntimeReplacement; change?: FeatureSwitch }[] = [];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    if (!executors.has(node) && !isRoot[node]) {
      const pkg = packageAt(node);
      const switchEntry = runtimeSwitchFor(pkg.name, pkg.version);
      const change = switchEntry ? featureSwitch(switchEntry, remove, keep) : undefined;
      if (switchEntry && change) {
        deciders.push({ node, kind: 'switch', entry: switchEntry, change });
        continue;
      }
      const replacement = runtimeReplacementFor(pkg.name, pkg.version);
      if (replacement && replacement.runtime === remove) {
        deciders.push({ node, kind: 'replace', entry: replacement });
        continue;
      }
    }
    if (isRoot[node] || keepCrates.has(packageAt(node).name)) continue;
    for (const parent of graph.dependents[node] ?? []) {
      if (seen[parent]) continue;
      seen[parent] = 1;
      queue.push(parent);
    }
  }

  const advice: RuntimeAdvice[] = deciders.map(({ node, kind, entry, change }) => {
    const pkg = packageAt(node);
    const via = memberDependenciesLeadingTo(graph, node, isRoot).map(({ member, dependency }) => declared(member, dependency, node));
    return {
      remove,
      keep,
      kind,
      crate: pkg.name,
      version: pkg.version,
      ...(change ? { switch: change } : {}),
      ...(kind === 'replace' ? { replacement: (entry as RuntimeReplacement).useInstead[keep] ?? [] } : {}),
      declaredVia: via.slice(0, MAX_DECLARED_VIA),
      declaredViaCount: via.length,
      source: entry.source,
    };
  });

  // Members that depend on the runtime itself.
  for (const node of executorNodes) {
    const members = (graph.dependents[node] ?? []).filter((parent) => isRoot[parent]);
    if (members.length === 0) continue;
    const pkg = packageAt(node);
    const via = members.map((member) => declared(member, node, node));
    advice.push({
      remove,
      keep,
      kind: 'direct',
      crate: pkg.name,
      version: pkg.version,
      declaredVia: via.slice(0, MAX_DECLARED_VIA),
      declaredViaCount: via.length,
    });
  }
  // Members the walk reached through a dependency that reaches the runtime with no deciding crate below it.
  const deciderNodes = new Set(deciders.map((decider) => decider.node));
  const undecided: { member: number; dependency: number }[] = [];
  for (const root of graph.roots) {
    if (!seen[root]) continue;
    for (const dependency of graph.dependencies[root] ?? []) {
      const undecidedPath = seen[dependency] && !isRoot[dependency] && !executors.has(dependency) && !deciderNodes.has(dependency);
      if (undecidedPath && !keepCrates.has(packageAt(dependency).name)) {
        undecided.push({ member: root, dependency });
      }
    }
  }
  const byDependency = new Map<number, number[]>();
  for (const { member, dependency } of undecided) byDependency.set(dependency, [...(byDependency.get(dependency) ?? []), member]);
  for (const [dependency, members] of byDependency) {
    const pkg = packageAt(dependency);
    const via = members.map((member) => declared(member, dependency, -1));
    advice.push({
      remove,
      keep,
      kind: 'unknown',
      crate: pkg.name,
      version: pkg.version,
      declaredVia: via.slice(0, MAX_DECLARED_VIA),
      declaredViaCount: via.length,
    });
  }
  return advice;

  function declared(member: number, dependency: number, target: number): DeclaredVia {
    const dep = packageAt(dependency);
    if (dependency === target) {
      return { member: packageAt(member).name, dependency: dep.name, version: dep.version, forwards: 'is-the-crate' };
    }
    const own = runtimeSwitchFor(dep.name, dep.version);
    const ownSwitch = own ? featureSwitch(own, remove, keep) : undefined;
    return {
      member: packageAt(member).name,
      dependency: dep.name,
      version: dep.version,
      forwards: ownSwitch ? 'own-switch' : 'unknown',
      ...(ownSwitch ? { ownSwitch } : {}),
    };
  }
}

/** The (member, direct registry dependency) pairs whose dependency is `target` or reaches it. */
function memberDependenciesLeadingTo(graph: Graph, target: number, isRoot: Uint8Array): { member: number; dependency: number }[] {
  const reaches = new Uint8Array(graph.packages.length);
  const queue = [target];
  reaches[target] = 1;
  for (let head = 0; head < queue.length; head++) {
    for (const parent of graph.dependents[queue[head] as number] ?? []) {
      if (reaches[parent] || isRoot[parent]) continue;
      reaches[parent] = 1;
      queue.push(parent);
    }
  }
  const pairs: { member: number; dependency: number }[] = [];
  for (const root of graph.roots) {
    for (const dependency of graph.dependencies[root] ?? []) {
      if (reaches[dependency] && !isRoot[dependency]) pairs.push({ member: root, dependency });
    }
  }
  // The member that depends on the crate itself first, then by name.
  return pairs.sort(
    (a, b) =>
      Number(b.dependency === target) - Number(a.dependency === target) ||
      compare((graph.packages[a.member] as Package).name, (graph.packages[b.member] as Package).name),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Adds to each advice item's member dependencies where they are declared and, for feature switches
 * (the crate itself or a direct dependency with its own switch), the exact Cargo.toml edit. Pure.
 */
export function withManifestEdits(advice: readonly RuntimeAdvice[], workspace: Workspace): RuntimeAdvice[] {
  return advice.map((item) => ({
    ...item,
    declaredVia: item.declaredVia.map((via): DeclaredVia => {
      const site = declarationSite(workspace, via.member, via.dependency);
      const change = via.forwards === 'is-the-crate' ? (item.kind === 'switch' ? item.switch : undefined) : via.ownSwitch;
      if (!change) return site ? { ...via, declaredAt: site } : via;
      const switchEntry = runtimeSwitchFor(via.dependency, via.version);
      const edit = manifestEdit(workspace, via.member, via.dependency, change, switchEntry?.defaultFeatures ?? []);
      return {
        ...via,
        ...(site ? { declaredAt: site } : {}),
        ...(typeof edit === 'string' ? { editFallback: edit } : { edit }),
      };
    }),
  }));
}
