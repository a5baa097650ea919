import type { AnalysisContext, FindingDraft } from './context.js';
import { nameVersion } from './context.js';
import type { Rule } from './rule.js';

/** More than one runtime family has its executor crate in the graph. */
export const multipleRuntimes: Rule = {
  id: 'multiple-runtimes',
  defaultSeverity: 'error',
  summary: 'More than one async runtime has its executor in the build.',
  check(context: AnalysisContext): FindingDraft[] {
    const families = [...context.executorNodes.keys()];
    if (families.length < 2) return [];
    const primary = context.primary?.family;
    // The primary first, then the others in knowledge-base order.
    const ordered = [...families].sort((a, b) => (a === primary ? -1 : b === primary ? 1 : 0));
    const firstNode = (family: string): number => (context.executorNodes.get(family as never) ?? [])[0] as number;
    const others = ordered.filter((family) => family !== primary);
    const subjects = others.flatMap((family) => context.executorNodes.get(family) ?? []);
    const culprit = firstNode(others[0] as string);
    const describe = (family: string): string =>
      `${nameVersion(context.packageAt(firstNode(family)))}${family === primary ? ` (primary${context.primary?.reason === 'policy' ? ', from the policy' : ''})` : ''}`;
    const message =
      primary && families.includes(primary)
        ? `This build has ${families.length} async runtimes: ${others.map(describe).join(', ')} next to ${describe(primary)}.`
        : `This build has ${families.length} async runtimes: ${ordered.map(describe).join(', ')}.`;
    const keep = primary ?? (ordered[0] as string);
    return [
      {
        crate: context.packageAt(culprit).name,
        version: context.packageAt(culprit).version,
        node: culprit,
        message,
        suggestion: `Keep one runtime (${keep}): switch the crates on the paths below to their ${keep} feature, or replace them with crates built on ${keep}.`,
        paths: ordered.map((family) => context.explain(firstNode(family)).path),
        rootsReaching: context.explain(culprit).rootsReaching,
        key: [...families].sort().join('+'),
        subjects,
      },
    ];
  },
};
