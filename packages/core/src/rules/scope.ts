import type { MemberReach, ReachClass } from '../graph/reach.js';
import { REACH_CLASSES } from '../graph/reach.js';
import type { PolicyScope } from '../policy/schema.js';
import type { AnalysisContext } from './context.js';
import { andList, orList } from './context.js';

/** How the members reach one runtime family (all of its crates that the finding names). */
export interface FamilyScope {
  /** Every way, every member. */
  readonly ways: readonly MemberReach[];
  /** Members whose shipped build runs it (by the policy's scope), with their strongest way. */
  readonly shipped: ReadonlyMap<string, MemberReach>;
}

/** True when a way counts as shipped under the policy's `[scope]`. */
export function isShipped(way: MemberReach, scope: PolicyScope | undefined): boolean {
  if (way.class === 'normal') return true;
  if (way.class === 'target') return !scope?.targets || way.cfgs.some((cfg) => scope.targets?.includes(cfg));
  if (way.class === 'dev')
    return scope?.dev === 'same' && (way.cfgs.length === 0 || !scope.targets || way.cfgs.some((cfg) => scope.targets?.includes(cfg)));
  return false;
}

/** The scope of the runtime crates `nodes`, or undefined when no manifests were read. */
export function familyScope(context: AnalysisContext, nodes: readonly number[]): FamilyScope | undefined {
  const reach = context.reach;
  if (!reach) return undefined;
  const ways = nodes.flatMap((node) => reach.crates.get(node)?.members ?? []);
  const shipped = new Map<string, MemberReach>();
  for (const way of ways) {
    if (!isShipped(way, context.policy.scope)) continue;
    const known = shipped.get(way.member);
    if (!known || REACH_CLASSES.indexOf(way.class) < REACH_CLASSES.indexOf(known.class)) shipped.set(way.member, way);
  }
  return { ways, shipped };
}

/** The strongest class among ways that do not ship (what a notice's fingerprint names). */
export function strongestClass(ways: readonly MemberReach[]): ReachClass | undefined {
  let best: ReachClass | undefined;
  for (const way of ways) if (!best || REACH_CLASSES.indexOf(way.class) < REACH_CLASSES.indexOf(best)) best = way.class;
  return best;
}

const MAX_NAMED = 4;

/** `a, b, c and 2 more`. */
export function someMembers(members: readonly string[]): string {
  return members.length <= MAX_NAMED
    ? andList(members)
    : `${members.slice(0, MAX_NAMED).join(', ')} and ${members.length - MAX_NAMED} more`;
}

/**
 * Why a runtime is in the lockfile without shipping: "only through the dev-dependencies of zbus;
 * behind non-default features of zbus (tokio or tokio-vsock)".
 */
export function reachReason(ways: readonly MemberReach[], scope: PolicyScope | undefined): string {
  const parts: string[] = [];
  const of = (kind: ReachClass) => ways.filter((way) => way.class === kind && !isShipped(way, scope));
  const on = (way: MemberReach) => (way.cfgs.length > 0 ? ` on ${orList(way.cfgs)}` : '');
  const dev = of('dev');
  if (dev.length > 0)
    parts.push(`through the dev-dependencies of ${someMembers(dev.map((way) => `${way.member}${on(way)}`))} (tests, examples, benches)`);
  const build = of('build');
  if (build.length > 0) parts.push(`as a build-dependency of ${someMembers(build.map((way) => `${way.member}${on(way)}`))}`);
  const optional = of('optional');
  if (optional.length > 0) {
    parts.push(
      `behind non-default features of ${someMembers(optional.map((way) => `${way.member} (${orList(way.features.slice(0, 3))}${way.features.length > 3 ? ', …' : ''})${on(way)}`))}`,
    );
  }
  const target = of('target');
  if (target.length > 0)
    parts.push(`only on targets the policy does not ship: ${someMembers(target.map((way) => `${way.member}${on(way)}`))}`);
  return parts.length > 0 ? `only ${parts.join('; ')}` : 'no member builds it';
}

/**
 * When every shipped way to a runtime goes through registry crates, it may sit behind their own
 * features, which a lockfile does not record: "through ohkami's features". Not when one of those
 * crates is `enabled`: a member's own declaration turns on the feature that the switch data says
 * brings the runtime (`zeromq = { features = ["async-std-runtime"] }`), so the runtime is built.
 */
export function throughRegistry(shipped: ReadonlyMap<string, MemberReach>, enabled: ReadonlySet<string> = new Set()): string | undefined {
  const ways = [...shipped.values()];
  if (ways.length === 0 || ways.some((way) => way.direct || way.via.some((crate) => enabled.has(crate)))) return undefined;
  const gateways = [...new Set(ways.flatMap((way) => way.via))].sort();
  if (gateways.length === 0) return undefined;
  return `through ${andList(gateways.slice(0, 3).map((name) => `${name}'s`))}${gateways.length > 3 ? " (and others')" : ''} features`;
}
