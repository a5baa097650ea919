import { FRAMEWORKS } from '../knowledge/frameworks.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { orList } from './context.js';
import type { Rule } from './rule.js';
import { compatibilityLine } from './versions.js';

/** A framework, server, client or adapter that needs a runtime other than the primary one. */
export const frameworkRuntimeMismatch: Rule = {
  id: 'framework-runtime-mismatch',
  defaultSeverity: 'warning',
  summary: 'A framework or client needs a runtime other than the primary one.',
  check(context: AnalysisContext): FindingDraft[] {
    const primary = context.primary?.family;
    if (!primary) return [];
    const seen = new Set<string>();
    return context.frameworks.flatMap((framework) => {
      if (framework.runtime === 'none' || framework.runtime === 'adapter' || framework.runtime === primary) return [];
      const key = `${framework.crate}@${compatibilityLine(framework.version)}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const why = context.explain(framework.node);
      const instead = framework.entry.useInstead;
      return [
        {
          crate: framework.crate,
          version: framework.version,
          node: framework.node,
          message: `${context.describe(framework.node)} (${framework.name}) runs on ${framework.runtime}${
            framework.through.length ? ` through ${framework.through.join(', ')}` : ''
          }, but the primary runtime of this lockfile is ${primary}.`,
          suggestion: alternatives(instead, primary),
          paths: [why.path],
          rootsReaching: why.rootsReaching,
          key,
          subjects: [framework.node],
        },
      ];
    });
  },
};

/**
 * Advice naming only alternatives that fit: each with the runtime its newest line needs, as the
 * knowledge base says (ureq is blocking, not on tokio); those needing another runtime are left out.
 */
function alternatives(instead: readonly string[], primary: string): string {
  const described = instead.flatMap((crate) => {
    const entry = FRAMEWORKS.find((candidate) => candidate.crate === crate);
    const runtime = entry?.lines[0]?.runtime;
    if (runtime === primary) return [`${crate} (on ${primary})`];
    if (runtime === 'none') return [`${crate} (blocking, no runtime)`];
    if (runtime === 'adapter') return [`${crate} (on the runtime its adapter selects)`];
    return [];
  });
  return described.length > 0
    ? `Use ${orList(described)} instead.`
    : `Replace it with an equivalent built on ${primary}, or make its runtime the primary one in the policy.`;
}
