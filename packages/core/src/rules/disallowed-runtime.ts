import type { AnalysisContext, FindingDraft } from './context.js';
import { orList } from './context.js';
import type { Rule } from './rule.js';

/** A runtime whose executor is in the build but that the policy's `allowed-runtimes` leaves out. */
export const disallowedRuntime: Rule = {
  id: 'disallowed-runtime',
  defaultSeverity: 'error',
  summary: 'A runtime the policy does not allow has its executor in the build.',
  check(context: AnalysisContext): FindingDraft[] {
    const allowed = context.policy.allowedRuntimes;
    if (!allowed) return [];
    return [...context.executorNodes].flatMap(([family, nodes]) => {
      if (allowed.includes(family)) return [];
      const node = nodes[0] as number;
      const why = context.explain(node);
      return [
        {
          crate: context.packageAt(node).name,
          version: context.packageAt(node).version,
          node,
          message: `${context.describe(node)} brings the ${family} runtime, which the policy does not allow (allowed: ${allowed.join(', ') || 'none'}).`,
          suggestion: `Replace what pulls it in with a crate that runs on ${orList([...allowed])}, or add an [[allow]] exception with a reason.`,
          paths: [why.path],
          rootsReaching: why.rootsReaching,
          key: family,
          subjects: nodes,
        },
      ];
    });
  },
};
