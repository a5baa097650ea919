import { DISCOURAGED_CRATES } from '../knowledge/discouraged.js';
import type { DiscouragedCrate } from '../knowledge/types.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { orList } from './context.js';
import type { Rule } from './rule.js';
import { compatibilityLine, versionInRange } from './versions.js';

/** A built-in or policy entry, as the rule reads it. */
type Entry = Omit<DiscouragedCrate, 'source'>;

/** A crate version inside a discouraged range: the policy's own list first, then the built-in one. */
export const discouragedCrate: Rule = {
  id: 'discouraged-crate',
  defaultSeverity: 'warning',
  summary: 'A crate the team (or runtime-guard) discourages, with the reason and what to use instead.',
  check(context: AnalysisContext): FindingDraft[] {
    const entries: Entry[] = [
      ...context.policy.discouraged.map((entry) => ({ ...entry, advisories: entry.advisory ? [entry.advisory] : [] })),
      ...DISCOURAGED_CRATES,
    ];
    const seen = new Set<string>();
    const drafts: FindingDraft[] = [];
    for (const entry of entries) {
      for (const node of context.knownNodes(entry.crate)) {
        const pkg = context.packageAt(node);
        if (!versionInRange(pkg.version, entry.versions)) continue;
        const key = `${pkg.name}@${compatibilityLine(pkg.version)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const why = context.explain(node);
        const notes = [...entry.advisories, ...(entry.since ? [`since ${entry.since}`] : [])];
        drafts.push({
          crate: pkg.name,
          version: pkg.version,
          node,
          message: `${context.describe(node)} is discouraged: ${entry.reason}${notes.length ? ` (${notes.join(', ')})` : ''}.`,
          suggestion: entry.useInstead.length ? `Use ${orList(entry.useInstead)} instead.` : 'Remove it, or replace what pulls it in.',
          paths: [why.path],
          rootsReaching: why.rootsReaching,
          key,
          subjects: [node],
        });
      }
    }
    return drafts;
  },
};
