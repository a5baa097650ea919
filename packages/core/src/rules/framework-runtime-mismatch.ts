import type { AnalysisContext, FindingDraft } from './context.js';
import { nameVersion, orList } from './context.js';
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
          message: `${nameVersion(context.packageAt(framework.node))} (${framework.name}) runs on ${framework.runtime}${
            framework.through.length ? ` through ${framework.through.join(', ')}` : ''
          }, but this workspace's primary runtime is ${primary}.`,
          suggestion: instead.length
            ? `Use ${orList(instead)} instead, which run${instead.length === 1 ? 's' : ''} on ${primary === 'tokio' ? 'tokio' : 'a runtime of your choice'}.`
            : `Replace it with an equivalent built on ${primary}, or make ${framework.runtime} the primary runtime in the policy.`,
          paths: [why.path],
          rootsReaching: why.rootsReaching,
          key,
          subjects: [framework.node],
        },
      ];
    });
  },
};
