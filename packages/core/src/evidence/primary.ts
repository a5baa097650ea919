import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { RuntimeFamily, RuntimeFamilyId } from '../knowledge/types.js';
import type { RuntimePresence } from './runtimes.js';

/**
 * Which runtime the workspace is meant to run on, and why:
 * `policy` (the policy's `runtime`), `base` (the base branch's primary, still running),
 * `only` (the one runtime that runs), `members` (the one workspace members depend on directly),
 * `most-used` (most packages depend on it).
 */
export interface PrimaryRuntime {
  readonly family: RuntimeFamilyId;
  readonly reason: 'policy' | 'base' | 'only' | 'members' | 'most-used';
  /** One sentence for the report: why this one. */
  readonly explanation: string;
}

/** What the choice reads besides the evidence. */
export interface PrimaryInputs {
  /** The policy's `runtime`. */
  readonly policyRuntime?: RuntimeFamilyId;
  /** The primary of the base report, in diff mode: the team's established choice. */
  readonly basePrimary?: RuntimeFamilyId;
  /** Families the policy discourages in every version present. */
  readonly discouragedByPolicy?: ReadonlySet<RuntimeFamilyId>;
}

const familyOf = (id: RuntimeFamilyId): RuntimeFamily => RUNTIME_FAMILIES.find((family) => family.id === id) as RuntimeFamily;

/** Whether a family must not be the one to keep: discontinued by its maintainers or discouraged by the policy. */
export function isDiscouragedRuntime(id: RuntimeFamilyId, inputs: PrimaryInputs = {}): boolean {
  return familyOf(id).discontinued !== undefined || (inputs.discouragedByPolicy?.has(id) ?? false);
}

/**
 * Chooses the primary runtime among those that run: the policy's; else never a discouraged runtime
 * while another runs; else the base's primary if it still runs; else the one workspace members
 * depend on directly, then the one most packages depend on, then the most members reach, then
 * knowledge-base order (tokio first).
 */
export function choosePrimary(runtimes: readonly RuntimePresence[], inputs: PrimaryInputs = {}): PrimaryRuntime | undefined {
  if (inputs.policyRuntime)
    return { family: inputs.policyRuntime, reason: 'policy', explanation: `${inputs.policyRuntime} is the policy's runtime` };
  const runningAll = runtimes.filter((presence) => presence.evidence === 'executor');
  if (runningAll.length === 0) return undefined;
  const allowed = runningAll.filter((presence) => !isDiscouragedRuntime(presence.family, inputs));
  const candidates = allowed.length > 0 ? allowed : runningAll;
  const setAside = runningAll
    .filter((presence) => !candidates.includes(presence))
    .map((presence) => discouragement(presence.family, inputs));
  const aside = setAside.length > 0 ? `; ${setAside.join('; ')}` : '';
  if (runningAll.length === 1) {
    const only = runningAll[0] as RuntimePresence;
    const note = isDiscouragedRuntime(only.family, inputs)
      ? `; ${discouragement(only.family, inputs)}: move to ${familyOf(only.family).maintainedTarget === 'smol 2' ? 'tokio 1 or smol 2' : familyOf(only.family).maintainedTarget}`
      : '';
    return { family: only.family, reason: 'only', explanation: `${only.family} is the only runtime that runs in this lockfile${note}` };
  }
  if (inputs.basePrimary && candidates.some((presence) => presence.family === inputs.basePrimary)) {
    return {
      family: inputs.basePrimary,
      reason: 'base',
      explanation: `${inputs.basePrimary} is the base branch's primary runtime${aside}`,
    };
  }
  const ranked = [...candidates].sort(
    (a, b) =>
      b.memberDependents - a.memberDependents ||
      b.directDependents - a.directDependents ||
      b.rootsReaching - a.rootsReaching ||
      order(a.family) - order(b.family),
  );
  const best = ranked[0] as RuntimePresence;
  const second = ranked[1];
  if (!second) return { family: best.family, reason: 'only', explanation: `${best.family} is the only runtime to keep${aside}` };
  if (best.memberDependents > second.memberDependents) {
    const members = best.memberDependents;
    return {
      family: best.family,
      reason: 'members',
      explanation: `${members} workspace member${members === 1 ? ' depends' : 's depend'} on ${best.family} directly${aside}`,
    };
  }
  return {
    family: best.family,
    reason: 'most-used',
    explanation: `${best.directDependents} package${best.directDependents === 1 ? ' depends' : 's depend'} on ${best.family} directly, more than on any other runtime${aside}`,
  };
}

function discouragement(id: RuntimeFamilyId, inputs: PrimaryInputs): string {
  const discontinued = familyOf(id).discontinued;
  if (discontinued) return `${id} is discontinued by its maintainers (${discontinued.advisory})`;
  return inputs.discouragedByPolicy?.has(id) ? `${id} is discouraged by the policy` : `${id} is discouraged`;
}

function order(id: RuntimeFamilyId): number {
  return RUNTIME_FAMILIES.findIndex((family) => family.id === id);
}
