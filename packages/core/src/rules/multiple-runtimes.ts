import { adviseRuntimeRemoval } from '../advice/runtime.js';
import { describeAdviceList } from '../advice/text.js';
import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { RuntimeFamily, RuntimeFamilyId } from '../knowledge/types.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { andList } from './context.js';
import type { Rule } from './rule.js';

/** A runtime besides the primary one runs (one finding per extra runtime), or has its I/O types here (a notice). */
export const multipleRuntimes: Rule = {
  id: 'multiple-runtimes',
  defaultSeverity: 'error',
  summary: 'More than one async runtime runs in this lockfile: one finding per runtime besides the primary.',
  check(context: AnalysisContext): FindingDraft[] {
    const primary = context.primary?.family;
    if (!primary) return [];
    const extras = [...context.evidence.running.keys(), ...context.evidence.ioTypesOnly.keys()].filter((family) => family !== primary);
    return extras.map((family) => runtimeFinding(context, primary, family));
  },
};

const familyOf = (id: RuntimeFamilyId): RuntimeFamily => RUNTIME_FAMILIES.find((family) => family.id === id) as RuntimeFamily;

/**
 * The one finding about one extra runtime: located at its executor crate (what brings the runtime),
 * fingerprinted by family, so adding, keeping or removing each runtime is introduced, unchanged or
 * resolved on its own. Built here only, so severity and wording change in one place.
 */
export function runtimeFinding(context: AnalysisContext, primary: RuntimeFamilyId, family: RuntimeFamilyId): FindingDraft {
  const evidence = context.evidence;
  const runs = evidence.running.has(family);
  const nodes = (runs ? evidence.running.get(family) : evidence.ioTypesOnly.get(family)) ?? [];
  const node = nodes[0] as number;
  const presence = context.runtimes.find((runtime) => runtime.family === family);
  const primaryNode = (evidence.running.get(primary) ?? evidence.ioTypesOnly.get(primary) ?? [])[0];
  const primaryName = primaryNode === undefined ? primary : context.describe(primaryNode);
  const others = [...evidence.running.keys()]
    .filter((other) => other !== primary && other !== family)
    .map((other) => context.describe((evidence.running.get(other) as number[])[0] as number));
  const target = familyOf(primary).maintainedTarget;
  const brought = bringer(context, node);
  const why = context.explain(node);
  const primaryPaths = primaryNode === undefined ? [] : [context.explain(primaryNode).path];
  const involves = [...nodes, ...(evidence.machinery.get(family) ?? [])];
  const next = andList([`${primaryName} (primary)`, ...others]);
  if (!runs) {
    return {
      crate: context.packageAt(node).name,
      version: context.packageAt(node).version,
      node,
      message: `${context.describe(node)} is in this lockfile for its I/O types only, next to ${next}: ${
        presence?.reasons[0] ?? 'nothing shows its executor'
      }. Its types need a ${familyOf(family).name} runtime to do I/O.`,
      suggestion: `If ${family} code runs here, it panics outside a ${familyOf(family).name} runtime: prefer ${brought ? `a ${primary} feature of ${brought}` : `crates built on ${target}`}.`,
      paths: [why.path, ...primaryPaths],
      rootsReaching: why.rootsReaching,
      key: family,
      subjects: nodes,
      involves,
      atMost: 'notice',
    };
  }
  const count = evidence.running.size;
  // Which crates decide that this runtime is built, and what to change in each (crate level: no manifests yet).
  const advice = adviseRuntimeRemoval(context.graph, primary, family, nodes);
  const keep = `Keep ${primary}${target.startsWith(primary) && target !== primary ? `, on ${target}` : ''}`;
  return {
    crate: context.packageAt(node).name,
    version: context.packageAt(node).version,
    node,
    message: `${context.describe(node)}${
      nodes.length > 1 ? ` (with ${andList(nodes.slice(1).map((other) => context.describe(other)))})` : ''
    } runs ${ordinal(count)} in this lockfile, next to ${next}: each runtime has its own threads and reactor, and I/O of one panics inside the other. Primary: ${context.primary?.explanation ?? primary}.`,
    suggestion: `${keep}: ${
      advice.length > 0
        ? describeAdviceList(advice, target)
        : brought
          ? `switch ${brought} (first path above) to its ${primary} feature, or replace it with a crate built on ${target}`
          : `move ${why.path[0] ? `${why.path[0].name} ${why.path[0].version}` : 'the workspace member'} from ${context.packageAt(node).name} to ${target} (it depends on ${context.packageAt(node).name} directly)`
    }.`,
    ...(advice.length > 0 ? { advice } : {}),
    paths: [why.path, ...primaryPaths],
    rootsReaching: why.rootsReaching,
    key: family,
    subjects: nodes,
    involves: [...involves, ...(primaryNode === undefined ? [] : [primaryNode])],
  };
}

/** The crate a workspace member depends on that brings a node: the second step of its shortest path. */
function bringer(context: AnalysisContext, node: number): string | undefined {
  const path = context.explain(node).path;
  const step = path.length > 2 ? path[1] : undefined;
  return step ? `${step.name} ${step.version}` : undefined;
}

function ordinal(count: number): string {
  return count === 2 ? 'a second async runtime' : `one of ${count} async runtimes`;
}
