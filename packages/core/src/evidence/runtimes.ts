// Two functions of semver, not its index: the index loads every module semver has.
import coerce from 'semver/functions/coerce.js';
import compare from 'semver/functions/compare.js';
import type { Graph } from '../graph/build.js';
import { whyNode } from '../graph/why.js';
import { LINE_CRATES, RUNNING_EVIDENCE, RUNTIME_FAMILIES, RUNTIME_MACHINERY, RUNTIME_STARTERS } from '../knowledge/runtimes.js';
import type { RuntimeFamily, RuntimeFamilyId } from '../knowledge/types.js';
import type { Package } from '../lockfile/types.js';
import { versionInRange } from '../rules/versions.js';
import { describePackage, knownNodes } from './match.js';

/**
 * How a runtime family shows in the lockfile: `executor` when its executor runs (an executor crate
 * with evidence that it is compiled in), `io-types` when only its I/O types are there (tokio without
 * reactor, macros or a crate that starts it), `building-block` when only runtime-agnostic pieces are.
 */
export type RuntimeEvidenceKind = 'executor' | 'io-types' | 'building-block';

/** A runtime family found in the graph, and the evidence for it. */
export interface RuntimePresence {
  readonly family: RuntimeFamilyId;
  readonly name: string;
  readonly evidence: RuntimeEvidenceKind;
  /** The crates that show it, the one that runs (newest first) leading. */
  readonly crates: readonly { readonly name: string; readonly version: string }[];
  /** Why it is said to run, or why not, one sentence each ("tokio 1.46.1 depends on mio: its reactor"). */
  readonly reasons: readonly string[];
  /** How many workspace members reach one of its crates. */
  readonly rootsReaching: number;
  /** How many packages depend directly on its executor crates: how much of the lockfile is written for it. */
  readonly directDependents: number;
  /** How many workspace members depend on its executor crates directly. */
  readonly memberDependents: number;
}

/** One version line of a runtime with incompatible lines (tokio 0.1, 0.2, 1.x). */
export interface RuntimeLine {
  readonly family: RuntimeFamilyId;
  readonly label: string;
  /** Every node of the line: executor versions and the line's own crates (tokio-core for 0.1). */
  readonly nodes: readonly number[];
  /** The node that names the line in messages: the executor crate when present. */
  readonly representative: number;
  /** True when something of the line runs a reactor or executor, false for its I/O types only. */
  readonly runs: boolean;
}

/** Which runtimes are in a lockfile and what runs: computed once, read by every rule. */
export interface RuntimeEvidence {
  readonly runtimes: readonly RuntimePresence[];
  /** Nodes of each family that run (executor evidence), after machinery is given to its owner. */
  readonly running: ReadonlyMap<RuntimeFamilyId, readonly number[]>;
  /** Nodes of each family present for its I/O types only. */
  readonly ioTypesOnly: ReadonlyMap<RuntimeFamilyId, readonly number[]>;
  /** Nodes another runtime runs on (smol 0.1 under async-std 1.6), by owner family. */
  readonly machinery: ReadonlyMap<RuntimeFamilyId, readonly number[]>;
  /** Version lines present, oldest first, for families with incompatible lines. */
  readonly lines: ReadonlyMap<RuntimeFamilyId, readonly RuntimeLine[]>;
}

interface NodeVerdict {
  readonly runs: boolean;
  readonly reasons: string[];
}

/**
 * Reads the runtime evidence of a graph: which executor crates are there, which of them run (from
 * edges that exist only when an executor is compiled in, sourced in the knowledge base), which are
 * another runtime's machinery, and which version lines are present. Only registry and git packages
 * are matched.
 */
export function collectRuntimeEvidence(graph: Graph): RuntimeEvidence {
  const packageAt = (node: number) => graph.packages[node] as Package;
  const isRoot = new Set(graph.roots);
  const machineryOwner = new Map<number, RuntimeFamilyId>();
  for (const entry of RUNTIME_MACHINERY) {
    for (const node of knownNodes(graph, entry.crate)) {
      if (!versionInRange(packageAt(node).version, entry.versions)) continue;
      const dependents = graph.dependents[node] ?? [];
      const onlyOwner =
        dependents.length > 0 &&
        dependents.every(
          (parent) =>
            packageAt(parent).name === entry.ownerCrate &&
            !isRoot.has(parent) &&
            versionInRange(packageAt(parent).version, entry.ownerVersions),
        );
      if (onlyOwner) machineryOwner.set(node, entry.owner);
    }
  }

  const runtimes: RuntimePresence[] = [];
  const running = new Map<RuntimeFamilyId, number[]>();
  const ioTypesOnly = new Map<RuntimeFamilyId, number[]>();
  const machinery = new Map<RuntimeFamilyId, number[]>();
  const lines = new Map<RuntimeFamilyId, RuntimeLine[]>();
  for (const [node, owner] of machineryOwner) machinery.set(owner, [...(machinery.get(owner) ?? []), node]);

  for (const family of RUNTIME_FAMILIES) {
    const executors = family.executors.flatMap((crate) => knownNodes(graph, crate)).filter((node) => !machineryOwner.has(node));
    const lineCrates = LINE_CRATES.filter((entry) => entry.family === family.id).flatMap((entry) =>
      knownNodes(graph, entry.crate).map((node) => ({ node, entry })),
    );
    const verdicts = new Map<number, NodeVerdict>();
    for (const node of executors) verdicts.set(node, judgeExecutor(graph, family, node, isRoot));
    for (const { node, entry } of lineCrates) {
      verdicts.set(node, {
        runs: entry.runs,
        reasons: [
          `${describePackage(packageAt(node))} is tokio ${entry.line}'s ${entry.runs ? 'reactor or executor' : 'I/O types or traits'}`,
        ],
      });
    }
    const owned = machinery.get(family.id) ?? [];
    const runningNodes = [...verdicts].filter(([, verdict]) => verdict.runs).map(([node]) => node);
    const typeNodes = [...verdicts].filter(([, verdict]) => !verdict.runs).map(([node]) => node);
    if (family.incompatibleLines && verdicts.size > 0) lines.set(family.id, groupLines(family, [...verdicts], packageAt, lineCrates));

    const reasons = [...verdicts.values()]
      .filter((verdict) => verdict.runs === runningNodes.length > 0)
      .flatMap((verdict) => verdict.reasons);
    for (const node of owned) reasons.push(`${describePackage(packageAt(node))} is its own machinery, not a second runtime`);
    const executorSet = [...runningNodes, ...typeNodes];
    if (executorSet.length > 0) {
      const evidence: RuntimeEvidenceKind = runningNodes.length > 0 ? 'executor' : 'io-types';
      if (evidence === 'executor') running.set(family.id, newestFirst(runningNodes, packageAt, family));
      else ioTypesOnly.set(family.id, newestFirst(typeNodes, packageAt, family));
      const ordered = [...newestFirst(runningNodes, packageAt, family), ...newestFirst(typeNodes, packageAt, family)];
      const reached = new Set<string>();
      for (const node of ordered) for (const root of whyNode(graph, node, 0).rootsReaching) reached.add(root.id);
      const dependents = new Set(ordered.flatMap((node) => graph.dependents[node] ?? []));
      runtimes.push({
        family: family.id,
        name: family.name,
        evidence,
        crates: ordered.map((node) => ({ name: packageAt(node).name, version: packageAt(node).version })),
        reasons: uniq(reasons),
        rootsReaching: reached.size,
        directDependents: dependents.size,
        memberDependents: [...dependents].filter((node) => isRoot.has(node)).length,
      });
      continue;
    }
    const blocks = family.buildingBlocks.flatMap((crate) => knownNodes(graph, crate));
    if (blocks.length > 0) {
      runtimes.push({
        family: family.id,
        name: family.name,
        evidence: 'building-block',
        crates: blocks.map((node) => ({ name: packageAt(node).name, version: packageAt(node).version })),
        reasons: [`only runtime-agnostic building blocks of ${family.name}`],
        rootsReaching: 0,
        directDependents: 0,
        memberDependents: 0,
      });
    }
  }
  return { runtimes, running, ioTypesOnly, machinery, lines };
}

/** Whether one executor node runs, and why (or why not). */
function judgeExecutor(graph: Graph, family: RuntimeFamily, node: number, isRoot: ReadonlySet<number>): NodeVerdict {
  const pkg = graph.packages[node] as Package;
  const name = describePackage(pkg);
  if (!family.needsEvidence) return { runs: true, reasons: [`${name} is ${family.name}'s executor`] };
  const reasons: string[] = [];
  const dependencyNames = new Set((graph.dependencies[node] ?? []).map((dependency) => (graph.packages[dependency] as Package).name));
  for (const edge of RUNNING_EVIDENCE) {
    if (edge.crate !== pkg.name || !versionInRange(pkg.version, edge.versions) || !dependencyNames.has(edge.dependsOn)) continue;
    reasons.push(`${name} depends on ${edge.dependsOn}: ${edge.why}`);
  }
  for (const parent of graph.dependents[node] ?? []) {
    const dependent = graph.packages[parent] as Package;
    if (isRoot.has(parent)) {
      reasons.push(`workspace member ${dependent.name} depends on ${pkg.name} directly`);
      continue;
    }
    const starter = RUNTIME_STARTERS.find(
      (entry) =>
        entry.family === family.id &&
        entry.crate === dependent.name &&
        dependent.source !== undefined &&
        versionInRange(dependent.version, entry.versions),
    );
    if (starter) reasons.push(`${describePackage(dependent)} starts it (${starter.why})`);
  }
  if (reasons.length > 0) return { runs: true, reasons };
  return {
    runs: false,
    reasons: [`${name} has no reactor, no macros and no dependent known to start it: its I/O types only`],
  };
}

function groupLines(
  family: RuntimeFamily,
  verdicts: readonly (readonly [number, NodeVerdict])[],
  packageAt: (node: number) => Package,
  lineCrates: readonly { readonly node: number; readonly entry: { readonly line: string } }[],
): RuntimeLine[] {
  const lineOf = new Map(lineCrates.map(({ node, entry }) => [node, entry.line]));
  const result: RuntimeLine[] = [];
  for (const line of family.incompatibleLines ?? []) {
    const members = verdicts.filter(
      ([node]) => lineOf.get(node) === line.label || (!lineOf.has(node) && versionInRange(packageAt(node).version, line.versions)),
    );
    if (members.length === 0) continue;
    const executors = members.filter(([node]) => family.executors.includes(packageAt(node).name));
    const runners = members.filter(([, verdict]) => verdict.runs);
    const representative = (executors.find(([, verdict]) => verdict.runs) ?? executors[0] ?? runners[0] ?? members[0]) as readonly [
      number,
      NodeVerdict,
    ];
    result.push({
      family: family.id,
      label: line.label,
      nodes: members.map(([node]) => node),
      representative: representative[0],
      runs: runners.length > 0,
    });
  }
  return result;
}

/** The family's main executor crate first (smol before async-global-executor, tokio before tokio-core), newest version first. */
function newestFirst(nodes: readonly number[], packageAt: (node: number) => Package, family: RuntimeFamily): number[] {
  const rank = (pkg: Package) => {
    const index = family.executors.indexOf(pkg.name);
    return index === -1 ? family.executors.length : index;
  };
  return [...nodes].sort((a, b) => {
    const [x, y] = [packageAt(a), packageAt(b)];
    if (rank(x) !== rank(y)) return rank(x) - rank(y);
    const [p, q] = [coerce(x.version), coerce(y.version)];
    return p && q ? compare(q, p) : 0;
  });
}

function uniq(items: readonly string[]): string[] {
  return [...new Set(items)];
}
