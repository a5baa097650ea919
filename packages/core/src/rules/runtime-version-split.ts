import { RUNTIME_FAMILIES } from '../knowledge/runtimes.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { nameVersion } from './context.js';
import type { Rule } from './rule.js';
import { versionInRange } from './versions.js';

/** Two incompatible major lines of one runtime's executor: two reactors. */
export const runtimeVersionSplit: Rule = {
  id: 'runtime-version-split',
  defaultSeverity: 'error',
  summary: 'Two incompatible versions of one runtime (tokio 0.2 and 1.x): two reactors.',
  check(context: AnalysisContext): FindingDraft[] {
    return RUNTIME_FAMILIES.flatMap((family) => {
      const nodes = context.executorNodes.get(family.id) ?? [];
      if (!family.incompatibleLines || nodes.length < 2) return [];
      const byLine = new Map<string, number[]>();
      for (const node of nodes) {
        const line = family.incompatibleLines.find((candidate) => versionInRange(context.packageAt(node).version, candidate.versions));
        if (!line) continue;
        byLine.set(line.label, [...(byLine.get(line.label) ?? []), node]);
      }
      if (byLine.size < 2) return [];
      const labels = [...byLine.keys()];
      const representatives = labels.map((label) => (byLine.get(label) as number[])[0] as number);
      const oldest = representatives[0] as number;
      const newest = representatives[representatives.length - 1] as number;
      return [
        {
          crate: context.packageAt(oldest).name,
          version: context.packageAt(oldest).version,
          node: oldest,
          message: `${family.name} ${labels.join(' and ')} are both in the build (${representatives
            .map((node) => nameVersion(context.packageAt(node)))
            .join(', ')}): each line runs its own reactor, and I/O of one panics inside a runtime of the other.`,
          suggestion: `Move everything to ${nameVersion(context.packageAt(newest))}: upgrade the crates on the paths to the older line, or replace them.`,
          paths: representatives.map((node) => context.explain(node).path),
          rootsReaching: context.explain(oldest).rootsReaching,
          key: `${family.id}:${labels.join('+')}`,
          subjects: representatives.slice(0, -1),
        },
      ];
    });
  },
};
