import type { RuntimeLine } from '../evidence/runtimes.js';
import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { andList } from './context.js';
import type { Rule } from './rule.js';

/** An older, incompatible line of one runtime next to a newer one: one finding per older line. */
export const runtimeVersionSplit: Rule = {
  id: 'runtime-version-split',
  defaultSeverity: 'error',
  summary: 'An older line of a runtime (tokio 0.1, 0.2) next to a newer one: each line runs its own reactor.',
  check(context: AnalysisContext): FindingDraft[] {
    return RUNTIME_FAMILIES.flatMap((family) => {
      const lines = context.evidence.lines.get(family.id) ?? [];
      if (lines.length < 2) return [];
      const newest = lines[lines.length - 1] as RuntimeLine;
      const labels = andList(lines.map((line) => line.label));
      return lines.slice(0, -1).map((line) => {
        const node = line.representative;
        const why = context.explain(node);
        const newer = lines.filter((other) => other !== line).map((other) => context.describe(other.representative));
        const withIt = line.nodes.filter((other) => other !== node).map((other) => context.describe(other));
        return {
          crate: context.packageAt(node).name,
          version: context.packageAt(node).version,
          node,
          message: `${context.describe(node)} is the ${family.id} ${line.label} line${
            withIt.length > 0 ? ` (with ${andList(withIt)})` : ''
          }, next to ${andList(newer)}: ${family.id} ${labels} are ${lines.length === 2 ? 'both' : 'all'} in this lockfile. ${
            line.runs
              ? 'Each line runs its own reactor, and I/O of one panics inside a runtime of another.'
              : `This ${line.label} line is I/O types only (no reactor here), and they need a ${line.label} runtime to do I/O.`
          }`,
          suggestion: `Move to ${family.maintainedTarget}: upgrade or replace the crates on the path above that need ${family.id} ${line.label}.`,
          paths: [why.path, context.explain(newest.representative).path],
          rootsReaching: why.rootsReaching,
          key: `${family.id}:${line.label}`,
          subjects: line.nodes,
          involves: [...line.nodes, newest.representative],
          ...(line.runs ? {} : { atMost: 'notice' as const }),
        };
      });
    });
  },
};
