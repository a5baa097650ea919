import type { RuleId, Severity } from '../findings/types.js';
import type { AnalysisContext, FindingDraft } from './context.js';

/** One rule: an id, a default severity, a one-line summary and a check over the analysis context. */
export interface Rule {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  readonly summary: string;
  check(context: AnalysisContext): FindingDraft[];
}
