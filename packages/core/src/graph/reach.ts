// One function of semver, not its index: the index loads every module semver has.
import satisfies from 'semver/functions/satisfies.js';
import type { Dependency, ManifestProblem, PackageManifest, Workspace } from '../manifest/types.js';
import type { Graph } from './build.js';

/**
 * How a member reaches a crate, strongest first: in its normal build on every target, only on some
 * targets, only as a build-dependency, only through its dev-dependencies, only behind non-default
 * features. A member is classed under the strongest way it reaches the crate in its default build
 * (normal > target > build); when its default build does not reach the crate, it may be listed both
 * under dev and optional (two independent ways to turn the crate on).
 */
export type ReachClass = 'normal' | 'target' | 'build' | 'dev' | 'optional';

/** The reach classes, strongest first. */
export const REACH_CLASSES: readonly ReachClass[] = ['normal', 'target', 'build', 'dev', 'optional'];

/** One way one member reaches one crate. */
export interface MemberReach {
  readonly member: string;
  readonly class: ReachClass;
  /** The `cfg(…)`s (or target triples) of the dependency tables on the way, sorted; empty when none is needed. */
  readonly cfgs: readonly string[];
  /** For `optional`: the member's own features that turn the crate on, sorted. */
  readonly features: readonly string[];
  /** True when a workspace manifest names the crate itself on the way; false when it comes through registry crates. */
  readonly direct: boolean;
  /**
   * The first registry crates on the way (`ohkami`), when not direct: below them every lockfile edge
   * counts, so the crate may sit behind their own features.
   */
  readonly via: readonly string[];
}

/** How the workspace's members reach one crate (one lockfile node). */
export interface CrateReach {
  readonly node: number;
  /** Members per class, sorted (see {@link ReachClass}). */
  readonly normal: readonly string[];
  readonly target: readonly string[];
  readonly build: readonly string[];
  readonly dev: readonly string[];
  readonly optional: readonly string[];
  /** Every member's way, sorted by member then class. */
  readonly members: readonly MemberReach[];
  /** True when `cargo build` at the root (its default members) reaches the crate in a normal build. */
  readonly defaultBuild: boolean;
}

/** The reach of every crate asked about, plus what could not be matched between manifests and lockfile. */
export interface WorkspaceReach {
  readonly crates: ReadonlyMap<number, CrateReach>;
  /** Manifests the lockfile does not match (a stale lockfile), members it does not list. */
  readonly problems: readonly ManifestProblem[];
}

/** Conditions on a way through the graph: a build-dependency, a dev-dependency, target cfgs. */
interface Condition {
  readonly build: boolean;
  readonly dev: boolean;
  readonly cfgs: readonly string[];
}

const NONE: Condition = { build: false, dev: false, cfgs: [] };

function covers(weaker: Condition, stronger: Condition): boolean {
  // `weaker` needs no more than `stronger`: it makes `stronger` redundant.
  return (!weaker.build || stronger.build) && (!weaker.dev || stronger.dev) && weaker.cfgs.every((cfg) => stronger.cfgs.includes(cfg));
}

function join(a: Condition, b: Condition): Condition {
  if (a === b || (covers(b, a) && a.cfgs.length >= b.cfgs.length)) return a;
  const cfgs = a.cfgs.length === 0 ? b.cfgs : b.cfgs.length === 0 ? a.cfgs : [...new Set([...a.cfgs, ...b.cfgs])].sort();
  return { build: a.build || b.build, dev: a.dev || b.dev, cfgs };
}

function along(condition: Condition, dependency: Dependency): Condition {
  const edge: Condition = {
    build: dependency.kind === 'build',
    dev: dependency.kind === 'dev',
    cfgs: dependency.target === undefined ? [] : [dependency.target],
  };
  return edge.build || edge.dev || edge.cfgs.length > 0 ? join(condition, edge) : condition;
}

/** Adds a condition to a list unless one already there covers it; returns false when nothing changed. */
function addCondition(list: Condition[], condition: Condition): boolean {
  if (list.some((existing) => covers(existing, condition))) return false;
  for (let index = list.length - 1; index >= 0; index--) if (covers(condition, list[index] as Condition)) list.splice(index, 1);
  list.push(condition);
  return true;
}

/** A dependency resolved against the lockfile: a workspace package (by manifest) or a registry node. */
type Resolved = { readonly manifest: PackageManifest; readonly node: number } | { readonly manifest?: undefined; readonly node: number };

/** The lockfile-side facts the resolver needs, computed once per workspace. */
interface Context {
  readonly graph: Graph;
  readonly workspace: Workspace;
  readonly nodeOf: ReadonlyMap<string, number>;
  readonly manifestAt: ReadonlyMap<number, PackageManifest>;
  /** What each registry node reaches through lockfile edges (absent: nothing). */
  readonly below: ReadonlyMap<number, Below>;
  readonly resolved: Map<Dependency, Resolved | null>;
  readonly indexes: Map<PackageManifest, DependencyIndex>;
  /** A workspace package's lockfile dependencies by crate name. */
  readonly lockDependencies: Map<number, Map<string, number[]>>;
  readonly targets: ReadonlySet<number>;
}

/** What one `cargo build -p MEMBER` (with or without its dev-dependencies) reaches. */
interface Hit {
  readonly conditions: Condition[];
  /** Per condition list index set: whether a workspace manifest names the crate, and the gateways. */
  direct: boolean;
  readonly via: Set<string>;
}

/**
 * How each workspace member reaches each of `targets` (lockfile nodes), from the manifests. Follows
 * one `cargo build -p MEMBER` per member: features unify within it (`default`, `dep:x`, `x/f`, `x?/f`
 * and the implicit features of optional dependencies), dev-dependencies count for the member being
 * built only, and the first hop from each member decides. Below the first registry crate every lockfile
 * edge counts: registry crates have no manifest here, and the lockfile is the union of their features.
 *
 * Conditions ride along each way (a build-dependency, a dev-dependency, the cfgs of target tables),
 * so a feature turned on only through one of them does not leak into the normal build: resolver 2's
 * decoupled host, dev and inactive-target features (rust-lang/cargo@af373f76 src/resolver/features.rs:79-83,
 * 161-186).
 *
 * Pure; linear in members × (manifests' dependencies + features tried).
 *
 * @example
 * const reach = computeReach(graph, readWorkspace(texts, ''), graph.byName.get('tokio') ?? []);
 * reach.crates.get(tokioNode)?.normal; // ['server']
 */
export function computeReach(graph: Graph, workspace: Workspace, targets: readonly number[]): WorkspaceReach {
  const problems: ManifestProblem[] = [];
  const nodeOf = new Map<string, number>();
  const manifestAt = new Map<number, PackageManifest>();
  const pathNodes = graph.roots;
  for (const manifest of workspace.packages.values()) {
    const sameName = pathNodes.filter((node) => graph.packages[node]?.name === manifest.name);
    let node = sameName.find((candidate) => graph.packages[candidate]?.version === manifest.version);
    if (node === undefined && sameName.length === 1) {
      node = sameName[0] as number;
      problems.push({
        file: manifest.file,
        key: 'package.version',
        message: `${manifest.file}: ${manifest.name} is ${manifest.version ?? 'without a version'} in its manifest but ${
          graph.packages[node]?.version
        } in the lockfile: the lockfile is stale (run cargo update -w); reach follows the manifest`,
      });
    }
    if (node === undefined) {
      if (workspace.members.includes(manifest)) {
        problems.push({
          file: manifest.file,
          message: `${manifest.file}: member ${manifest.name} is not in the lockfile (stale lockfile?)`,
        });
      }
      continue;
    }
    nodeOf.set(manifest.file, node);
    manifestAt.set(node, manifest);
  }
  const context: Context = {
    graph,
    workspace,
    nodeOf,
    manifestAt,
    below: allBelow(graph, targets, manifestAt),
    resolved: new Map(),
    indexes: new Map(),
    lockDependencies: new Map(),
    targets: new Set(targets),
  };
  const perTarget = new Map<number, MemberReach[]>(targets.map((node) => [node, []]));
  for (const member of workspace.members) {
    if (!nodeOf.has(member.file)) continue;
    for (const [node, way] of memberReach(context, member)) perTarget.get(node)?.push(way);
  }
  const defaults = new Set(workspace.defaultMembers.map((member) => member.name));
  const crates = new Map<number, CrateReach>();
  for (const [node, ways] of perTarget) {
    ways.sort((a, b) =>
      a.member < b.member ? -1 : a.member > b.member ? 1 : REACH_CLASSES.indexOf(a.class) - REACH_CLASSES.indexOf(b.class),
    );
    const list = (kind: ReachClass) => [...new Set(ways.filter((way) => way.class === kind).map((way) => way.member))];
    crates.set(node, {
      node,
      normal: list('normal'),
      target: list('target'),
      build: list('build'),
      dev: list('dev'),
      optional: list('optional'),
      members: ways,
      defaultBuild: ways.some((way) => way.class === 'normal' && defaults.has(way.member)),
    });
  }
  return { crates, problems };
}

/** What a registry crate reaches through lockfile edges: asked-about nodes, and workspace packages where manifests take over again. */
interface Below {
  readonly targets: readonly number[];
  readonly packages: readonly PackageManifest[];
}

/**
 * Lockfile edges below a registry crate all count (the lockfile is the union of its features), until
 * they reach a workspace package (a `[patch]` or a registry crate depending on a member): its edges in
 * the lockfile include its dev-dependencies, so its manifest decides again, with default features.
 * Computed for every node at once: one reverse walk per target and per workspace package that a
 * registry crate depends on, never entering another workspace package.
 */
function allBelow(graph: Graph, targets: readonly number[], manifestAt: ReadonlyMap<number, PackageManifest>): Map<number, Below> {
  const targetsBelow = new Map<number, number[]>();
  const packagesBelow = new Map<number, PackageManifest[]>();
  const walk = (from: number, mark: (node: number) => void) => {
    const seen = new Uint8Array(graph.packages.length);
    seen[from] = 1;
    const stack = [from];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      for (const dependent of graph.dependents[node] as readonly number[]) {
        if (seen[dependent] || manifestAt.has(dependent)) continue;
        seen[dependent] = 1;
        mark(dependent);
        stack.push(dependent);
      }
    }
  };
  const push = <T>(map: Map<number, T[]>, node: number, value: T) => {
    const list = map.get(node);
    if (list) list.push(value);
    else map.set(node, [value]);
  };
  for (const target of targets) {
    if (manifestAt.has(target)) continue;
    push(targetsBelow, target, target);
    walk(target, (node) => push(targetsBelow, node, target));
  }
  for (const [node, manifest] of manifestAt) {
    if (!(graph.dependents[node] as readonly number[]).some((dependent) => !manifestAt.has(dependent))) continue;
    walk(node, (dependent) => push(packagesBelow, dependent, manifest));
  }
  const below = new Map<number, Below>();
  for (const node of new Set([...targetsBelow.keys(), ...packagesBelow.keys()])) {
    below.set(node, { targets: targetsBelow.get(node) ?? [], packages: packagesBelow.get(node) ?? [] });
  }
  return below;
}

const NOTHING_BELOW: Below = { targets: [], packages: [] };

function below(context: Context, start: number): Below {
  return context.below.get(start) ?? NOTHING_BELOW;
}

/** The lockfile package a manifest dependency is: among the package's lockfile dependencies of that name. */
function resolveDependency(context: Context, from: PackageManifest, dependency: Dependency): Resolved | undefined {
  const cached = context.resolved.get(dependency);
  if (cached !== undefined) return cached ?? undefined;
  const fromNode = context.nodeOf.get(from.file) as number;
  const graph = context.graph;
  let byName = context.lockDependencies.get(fromNode);
  if (!byName) {
    byName = new Map();
    for (const node of graph.dependencies[fromNode] as readonly number[]) {
      const name = graph.packages[node]?.name as string;
      const list = byName.get(name);
      if (list) list.push(node);
      else byName.set(name, [node]);
    }
    context.lockDependencies.set(fromNode, byName);
  }
  let candidates = byName.get(dependency.name) ?? [];
  if (candidates.length > 1) {
    const wantPath = dependency.path !== undefined;
    const bySource = candidates.filter((node) => (graph.packages[node]?.source === undefined) === wantPath);
    if (bySource.length > 0) candidates = bySource;
  }
  if (candidates.length > 1 && dependency.version !== undefined) {
    const range = dependency.version;
    const matching = candidates.filter((node) => {
      try {
        return satisfies(graph.packages[node]?.version ?? '', cargoRange(range));
      } catch {
        return false;
      }
    });
    if (matching.length > 0) candidates = matching;
  }
  const node = candidates[0];
  let result: Resolved | null = null;
  if (node !== undefined) {
    const manifest = context.manifestAt.get(node);
    result = manifest ? { manifest, node } : { node };
  }
  context.resolved.set(dependency, result);
  return result ?? undefined;
}

/** Cargo's bare `1.2` means `^1.2`: https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#caret-requirements */
function cargoRange(requirement: string): string {
  return requirement
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^[0-9]/.test(part) ? `^${part}` : part))
    .join(' ');
}

/** One feature resolution: the facts of one `cargo build -p MEMBER`, each under its conditions. */
class Resolution {
  private readonly packages = new Map<string, Condition[]>();
  private readonly features = new Map<string, Condition[]>();
  private readonly deps = new Map<string, Condition[]>();
  private readonly weak = new Map<string, { feature: string; condition: Condition }[]>();
  readonly hits = new Map<number, Hit>();
  /** Targets still without an unconditional hit (and, when `needDirect`, one naming them directly). */
  private open: number;
  /** Set once every wanted target has its answer: nothing more this resolution can change. */
  private done = false;
  private readonly answered = new Set<number>();

  constructor(
    private readonly context: Context,
    private readonly member: PackageManifest,
    private readonly withDev: boolean,
    private readonly wanted: ReadonlySet<number>,
    private readonly needDirect: boolean,
  ) {
    this.open = wanted.size;
  }

  run(features: readonly string[]): this {
    if (this.open === 0) return this;
    this.activatePackage(this.member, NONE);
    for (const feature of features) this.activateFeature(this.member, feature, NONE);
    return this;
  }

  private dependenciesOf(pkg: PackageManifest, key?: string): readonly Dependency[] {
    const withDev = this.withDev && pkg === this.member;
    const index = dependencyIndex(this.context, pkg);
    if (key === undefined) return withDev ? index.all : index.withoutDev;
    const list = index.byKey.get(key) ?? [];
    return withDev ? list : list.filter((dependency) => dependency.kind !== 'dev');
  }

  private activatePackage(pkg: PackageManifest, condition: Condition): void {
    if (this.done || !addTo(this.packages, pkg.file, condition)) return;
    const node = this.context.nodeOf.get(pkg.file);
    if (node !== undefined && this.context.targets.has(node)) this.hit(node, condition, true, undefined);
    for (const dependency of this.dependenciesOf(pkg)) if (!dependency.optional) this.follow(pkg, dependency, condition);
  }

  private follow(pkg: PackageManifest, dependency: Dependency, condition: Condition): void {
    if (this.done) return;
    const resolved = resolveDependency(this.context, pkg, dependency);
    if (!resolved) return;
    const next = along(condition, dependency);
    if (resolved.manifest) {
      this.activatePackage(resolved.manifest, next);
      if (dependency.defaultFeatures) this.activateFeature(resolved.manifest, 'default', next);
      for (const feature of dependency.features) this.activateFeature(resolved.manifest, feature, next);
      return;
    }
    const reached = below(this.context, resolved.node);
    const gateway = this.context.graph.packages[resolved.node]?.name as string;
    for (const target of reached.targets) this.hit(target, next, target === resolved.node, gateway);
    for (const manifest of reached.packages) {
      this.activatePackage(manifest, next);
      this.activateFeature(manifest, 'default', next);
    }
  }

  private hit(node: number, condition: Condition, direct: boolean, gateway: string | undefined): void {
    let hit = this.hits.get(node);
    if (!hit) {
      hit = { conditions: [], direct: false, via: new Set() };
      this.hits.set(node, hit);
    }
    addCondition(hit.conditions, condition);
    // Directness and gateways are reported for the unconditional way only (what "normal" rests on).
    if (condition.cfgs.length === 0 && !condition.build && !condition.dev) {
      if (direct) hit.direct = true;
      else if (gateway) hit.via.add(gateway);
      if ((hit.direct || !this.needDirect) && this.wanted.has(node) && !this.answered.has(node)) {
        this.answered.add(node);
        if (--this.open === 0) this.done = true;
      }
    }
  }

  private activateFeature(pkg: PackageManifest, feature: string, condition: Condition): void {
    if (this.done || !addTo(this.features, `${pkg.file}\0${feature}`, condition)) return;
    // https://doc.rust-lang.org/cargo/reference/features.html: `dep:x` turns on an optional dependency,
    // `x/f` turns on dependency x, and the feature named x only when the feature map has one (the
    // implicit feature, unless `dep:` hid it), and its feature f; `x?/f` adds f only if x is on, now or
    // later (deferred): rust-lang/cargo@af373f76 src/resolver/features.rs:674-725
    // (`activate_dep_feature`) and 643-663 (deferred weak features applied when the dependency turns on).
    for (const entry of pkg.features.get(feature) ?? []) {
      if (entry.startsWith('dep:')) {
        this.activateDependency(pkg, entry.slice(4), condition);
        continue;
      }
      const slash = entry.indexOf('/');
      if (slash < 0) {
        this.activateFeature(pkg, entry, condition);
        continue;
      }
      const weak = entry[slash - 1] === '?';
      const key = entry.slice(0, weak ? slash - 1 : slash);
      const dependencyFeature = entry.slice(slash + 1);
      if (!weak) {
        if (this.dependenciesOf(pkg, key).some((dependency) => dependency.optional)) {
          if (pkg.features.has(key)) this.activateFeature(pkg, key, condition);
          this.activateDependency(pkg, key, condition);
        }
      }
      this.requestDependencyFeature(pkg, key, dependencyFeature, condition, weak);
    }
  }

  private activateDependency(pkg: PackageManifest, key: string, condition: Condition): void {
    if (this.done || !addTo(this.deps, `${pkg.file}\0${key}`, condition)) return;
    const dependencies = this.dependenciesOf(pkg, key).filter((dependency) => dependency.optional);
    for (const dependency of dependencies) this.follow(pkg, dependency, condition);
    for (const request of this.weak.get(`${pkg.file}\0${key}`) ?? []) {
      for (const dependency of dependencies) this.applyFeature(pkg, dependency, request.feature, join(request.condition, condition));
    }
  }

  private requestDependencyFeature(pkg: PackageManifest, key: string, feature: string, condition: Condition, weak: boolean): void {
    for (const dependency of this.dependenciesOf(pkg, key)) {
      if (!dependency.optional || !weak) {
        this.applyFeature(pkg, dependency, feature, condition);
        continue;
      }
      const id = `${pkg.file}\0${key}`;
      const pending = this.weak.get(id);
      if (pending) pending.push({ feature, condition });
      else this.weak.set(id, [{ feature, condition }]);
      for (const active of this.deps.get(id) ?? []) this.applyFeature(pkg, dependency, feature, join(condition, active));
    }
  }

  private applyFeature(pkg: PackageManifest, dependency: Dependency, feature: string, condition: Condition): void {
    const resolved = resolveDependency(this.context, pkg, dependency);
    if (resolved?.manifest) this.activateFeature(resolved.manifest, feature, along(condition, dependency));
  }
}

/** A package's dependencies, registry ones first (they answer soonest), and by key. */
interface DependencyIndex {
  readonly all: readonly Dependency[];
  readonly withoutDev: readonly Dependency[];
  readonly byKey: ReadonlyMap<string, readonly Dependency[]>;
}

function dependencyIndex(context: Context, pkg: PackageManifest): DependencyIndex {
  let index = context.indexes.get(pkg);
  if (!index) {
    const registry: Dependency[] = [];
    const workspace: Dependency[] = [];
    for (const dependency of pkg.dependencies)
      (resolveDependency(context, pkg, dependency)?.manifest ? workspace : registry).push(dependency);
    const registryFirst = [...registry, ...workspace];
    const byKey = new Map<string, Dependency[]>();
    for (const dependency of registryFirst) {
      const list = byKey.get(dependency.key);
      if (list) list.push(dependency);
      else byKey.set(dependency.key, [dependency]);
    }
    index = { all: registryFirst, withoutDev: registryFirst.filter((dependency) => dependency.kind !== 'dev'), byKey };
    context.indexes.set(pkg, index);
  }
  return index;
}

function addTo(map: Map<string, Condition[]>, key: string, condition: Condition): boolean {
  const list = map.get(key);
  if (!list) {
    map.set(key, [condition]);
    return true;
  }
  return addCondition(list, condition);
}

/**
 * The ways a member reaches each target: its default build decides first (normal > target > build);
 * a target that build does not reach may be reached through the member's dev-dependencies and, as well,
 * through its non-default features (one resolution per feature, on top of `default`).
 */
function memberReach(context: Context, member: PackageManifest): [number, MemberReach][] {
  const result: [number, MemberReach][] = [];
  const defaults = member.features.has('default') ? ['default'] : [];
  const base = new Resolution(context, member, true, context.targets, true).run(defaults);
  const inDefault = new Set<number>();
  for (const [node, hit] of base.hits) {
    const way = defaultWay(member.name, hit);
    if (way) {
      inDefault.add(node);
      result.push([node, way]);
      continue;
    }
    const dev = devWay(member.name, hit);
    if (dev) result.push([node, dev]);
  }
  if (inDefault.size === context.targets.size) return result;
  const wanted = new Set([...context.targets].filter((node) => !inDefault.has(node)));
  const byFeature = new Map<number, { features: Set<string>; cfgs: Set<string>; plain: boolean }>();
  for (const feature of [...member.features.keys()].sort()) {
    if (feature === 'default') continue;
    const run = new Resolution(context, member, false, wanted, false).run([...defaults, feature]);
    for (const [node, hit] of run.hits) {
      if (inDefault.has(node)) continue;
      const usable = hit.conditions.filter((condition) => !condition.dev);
      if (usable.length === 0) continue;
      let entry = byFeature.get(node);
      if (!entry) {
        entry = { features: new Set(), cfgs: new Set(), plain: false };
        byFeature.set(node, entry);
      }
      entry.features.add(feature);
      if (usable.some((condition) => condition.cfgs.length === 0)) entry.plain = true;
      else for (const condition of usable) for (const cfg of condition.cfgs) entry.cfgs.add(cfg);
    }
  }
  for (const [node, entry] of byFeature) {
    result.push([
      node,
      {
        member: member.name,
        class: 'optional',
        cfgs: entry.plain ? [] : [...entry.cfgs].sort(),
        features: [...entry.features].sort(),
        direct: false,
        via: [],
      },
    ]);
  }
  return result;
}

function defaultWay(member: string, hit: Hit): MemberReach | undefined {
  const plain = hit.conditions.filter((condition) => !condition.dev);
  if (plain.length === 0) return undefined;
  const unconditional = plain.find((condition) => !condition.build && condition.cfgs.length === 0);
  if (unconditional) return { member, class: 'normal', cfgs: [], features: [], direct: hit.direct, via: [...hit.via].sort() };
  const targeted = plain.filter((condition) => !condition.build);
  const chosen = targeted.length > 0 ? targeted : plain;
  return {
    member,
    class: targeted.length > 0 ? 'target' : 'build',
    cfgs: [...new Set(chosen.flatMap((condition) => condition.cfgs))].sort(),
    features: [],
    direct: hit.direct,
    via: [],
  };
}

function devWay(member: string, hit: Hit): MemberReach | undefined {
  const dev = hit.conditions.filter((condition) => condition.dev);
  if (dev.length === 0) return undefined;
  return {
    member,
    class: 'dev',
    cfgs: [...new Set(dev.flatMap((condition) => condition.cfgs))].sort(),
    features: [],
    direct: false,
    via: [],
  };
}
