import { adviseRuntimeRemoval, withManifestEdits } from '../advice/runtime.js';
import { describeAdviceList } from '../advice/text.js';
import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { RuntimeFamily, RuntimeFamilyId } from '../knowledge/types.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { andList } from './context.js';
import type { Rule } from './rule.js';
import { type FamilyScope, familyScope, reachReason, someMembers, strongestClass, throughRegistry } from './scope.js';

/** A runtime besides the primary one runs (one finding per extra runtime), or has its I/O types here (a notice). */
export const multipleRuntimes: Rule = {
  id: 'multiple-runtimes',
  defaultSeverity: 'error',
  summary: 'More than one async runtime runs in this lockfile: one finding per runtime besides the primary.',
  check(context: AnalysisContext): FindingDraft[] {
    const primary = context.primary?.family;
    if (!primary) return [];
    const extras = [...context.evidence.running.keys(), ...context.evidence.ioTypesOnly.keys()].filter((family) => family !== primary);
    return extras.flatMap((family) => runtimeFinding(context, primary, family) ?? []);
  },
};

const familyOf = (id: RuntimeFamilyId): RuntimeFamily => RUNTIME_FAMILIES.find((family) => family.id === id) as RuntimeFamily;

/**
 * The one finding about one extra runtime: located at its executor crate (what brings the runtime),
 * fingerprinted by family, so adding, keeping or removing each runtime is introduced, unchanged or
 * resolved on its own. Built here only, so severity and wording change in one place.
 *
 * With the workspace's manifests read, the severity follows the reach (capped with `atMost`): both
 * runtimes in one member's build stay an error; in different members' builds, a warning naming who
 * runs what (an error when the policy's `[scope] runtimes = "per-workspace"`); a runtime no member
 * ships (dev-only, build-only, behind features) a notice with the reason, or nothing for dev-only with
 * `[scope] dev = "ignore"`. The fingerprint then names the class (`async-std@dev`), so moving a runtime
 * from dev-dependencies into a normal build is introduced.
 */
export function runtimeFinding(context: AnalysisContext, primary: RuntimeFamilyId, family: RuntimeFamilyId): FindingDraft | undefined {
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
  const here = context.reach ? 'this build' : 'this lockfile';
  if (!runs) {
    return {
      crate: context.packageAt(node).name,
      version: context.packageAt(node).version,
      node,
      message: `${context.describe(node)} is in ${here} for its I/O types only, next to ${next}: ${
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
  // Which crates decide that this runtime is built, and what to change in each: with the manifests, the exact edits.
  const crateAdvice = adviseRuntimeRemoval(context.graph, primary, family, nodes);
  const advice = context.workspace ? withManifestEdits(crateAdvice, context.workspace) : crateAdvice;
  const keep = `Keep ${primary}${target.startsWith(primary) && target !== primary ? `, on ${target}` : ''}`;
  const scope = familyScope(context, nodes);
  const primaryScope = familyScope(context, evidence.running.get(primary) ?? []);
  let scoped: Pick<FindingDraft, 'message' | 'key' | 'atMost'> | null | undefined;
  if (scope && primaryScope) {
    // Crates whose runtime feature a member's declaration is known to turn on: the runtime is built.
    const enabled = new Set(
      advice.flatMap((entry) =>
        entry.kind === 'switch' && entry.declaredVia.some((via) => via.forwards === 'is-the-crate' && via.edit) ? [entry.crate] : [],
      ),
    );
    scoped = scopedVerdict(context, { family, primary, primaryName, name: context.describe(node), scope, primaryScope, enabled });
    if (scoped === null) return undefined;
  }
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
    ...(scoped ? { ...scoped, lockfileKey: family } : {}),
  };
}

interface ScopeInput {
  readonly family: RuntimeFamilyId;
  readonly primary: RuntimeFamilyId;
  readonly primaryName: string;
  readonly name: string;
  readonly scope: FamilyScope;
  readonly primaryScope: FamilyScope;
  /** Registry crates whose runtime feature a member's own declaration turns on (see `throughRegistry`). */
  readonly enabled: ReadonlySet<string>;
}

/** Message, fingerprint key and severity cap from the manifests; null: the policy asks for no finding. */
function scopedVerdict(context: AnalysisContext, input: ScopeInput): Pick<FindingDraft, 'message' | 'key' | 'atMost'> | null {
  const { family, primary, primaryName, name, scope, primaryScope, enabled } = input;
  const policyScope = context.policy.scope;
  const shipped = [...scope.shipped.keys()];
  const primaryShipped = [...primaryScope.shipped.keys()];
  const both = shipped.filter((member) => primaryScope.shipped.has(member));
  const caveat = (which: FamilyScope, runtime: string) => {
    const through = throughRegistry(which.shipped, which === scope ? enabled : undefined);
    return through ? ` ${runtime} comes ${through}: registry crates' features are not in the lockfile, so it may not be built at all.` : '';
  };
  const clash = 'each runtime has its own threads and reactor, and I/O of one panics inside the other.';
  if (both.length > 0) {
    return {
      key: family,
      message: `${name} runs next to ${primaryName} (primary) in this build: ${someMembers(both)} build${both.length === 1 ? 's' : ''} both; ${clash}${caveat(scope, name)}`,
    };
  }
  if (shipped.length > 0 && primaryShipped.length > 0) {
    const perMember = [
      ...primaryShipped.map((member) => `${member} runs ${primary}`),
      ...shipped.map((member) => `${member} runs ${family}`),
    ];
    const list = perMember.length <= 6 ? perMember.join('; ') : `${perMember.slice(0, 6).join('; ')}; and ${perMember.length - 6} more`;
    if (policyScope?.runtimes === 'per-workspace') {
      return {
        key: family,
        message: `${name} and ${primaryName} (primary) run in different members of this workspace (${list}), and the policy asks for one runtime per workspace.${caveat(scope, name)}`,
      };
    }
    return {
      key: `${family}@separate`,
      atMost: 'warning',
      message: `${name} and ${primaryName} (primary) run in different members' builds: ${list}. No member builds both, but the workspace maintains two runtimes.${caveat(scope, name)}`,
    };
  }
  if (shipped.length === 0) {
    const devOnly = scope.ways.length > 0 && scope.ways.every((way) => way.class === 'dev');
    if (devOnly && policyScope?.dev === 'ignore') return null;
    return {
      key: `${family}@${strongestClass(scope.ways) ?? 'none'}`,
      atMost: 'notice',
      message: `${name} is in the lockfile but in no member's build: ${reachReason(scope.ways, policyScope)}. This build runs ${primaryName} (primary).`,
    };
  }
  return {
    key: `${family}@alone`,
    atMost: 'notice',
    message: `${name} runs in ${someMembers(shipped)}'s build, where ${primaryName} (primary by the lockfile) is not built: ${primaryName} is ${reachReason(primaryScope.ways, policyScope)}.${caveat(scope, name)}`,
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
