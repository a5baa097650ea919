import type { Audit } from './audit.js';
import { GITHUB_SUMMARY_LIMIT, renderMarkdown } from './markdown.js';

/** The job summary: the comment's document with everything open, within GitHub's 1 MiB summary limit. */
export function renderSummary(audit: Audit): string {
  return renderMarkdown(audit, { maxLength: GITHUB_SUMMARY_LIMIT, marker: false, expanded: true });
}
