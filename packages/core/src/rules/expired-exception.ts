import type { AnalysisContext, FindingDraft } from './context.js';
import type { Rule } from './rule.js';

/**
 * An `[[allow]]` exception or an `[[advisories.ignore]]` entry past its `expires` date: it no longer
 * applies, and this notice says so.
 */
export const expiredException: Rule = {
  id: 'expired-exception',
  defaultSeverity: 'notice',
  summary: 'An [[allow]] exception or an [[advisories.ignore]] entry has expired and no longer applies.',
  check(context: AnalysisContext): FindingDraft[] {
    const ignores = (context.policy.advisories?.ignore ?? []).flatMap((entry): FindingDraft[] => {
      if (!entry.expires || entry.expires >= context.today) return [];
      return [
        {
          crate: entry.id,
          version: '',
          node: -1,
          message: `The ignore entry for ${entry.id} (${entry.origin}: "${entry.reason}") expired on ${entry.expires}: the advisory is reported again wherever it applies.`,
          suggestion: 'Fix what the advisory is about, or renew the entry with a new expires date and reason.',
          paths: [],
          rootsReaching: 0,
          key: `advisory-ignore:${entry.id}:${entry.expires}`,
          subjects: [],
        },
      ];
    });
    const exceptions = context.policy.allow.flatMap((exception): FindingDraft[] => {
      if (!exception.expires || exception.expires >= context.today) return [];
      const node = (context.graph.byName.get(exception.crate) ?? [])[0];
      const why = node === undefined ? undefined : context.explain(node);
      return [
        {
          crate: exception.crate,
          version: exception.versions,
          node: node ?? -1,
          message: `The exception for ${exception.crate} ${exception.versions} (${exception.origin}: "${exception.reason}") expired on ${exception.expires} and no longer applies.`,
          suggestion: 'Fix what it excused, or renew the exception with a new expires date and reason.',
          paths: why ? [why.path] : [],
          rootsReaching: why?.rootsReaching ?? 0,
          key: `${exception.crate}:${exception.versions}:${exception.expires}`,
          subjects: [],
        },
      ];
    });
    return [...exceptions, ...ignores];
  },
};
