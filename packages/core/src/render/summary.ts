import type { Audit } from './audit.js';
import { GITHUB_SUMMARY_LIMIT, renderMarkdown } from './markdown.js';

/** Options of {@link renderSummary}. */
export interface SummaryOptions {
  /** Largest size allowed, in UTF-8 bytes (GitHub counts bytes). Default 1 MiB, GitHub's limit for a step. */
  maxBytes?: number;
  /** Where the reader finds what was left out to fit. Default: the JSON output. */
  rest?: string;
}

const SUMMARY_REST = 'The JSON output (`--format json`) has everything.';

/**
 * The job summary: the comment's document with everything open, no larger than `maxBytes` in UTF-8
 * (emoji and non-ASCII crate paths take several bytes per character, so characters are not enough).
 */
export function renderSummary(audit: Audit, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? GITHUB_SUMMARY_LIMIT;
  let maxLength = maxBytes;
  for (;;) {
    const text = renderMarkdown(audit, { maxLength, marker: false, expanded: true, rest: options.rest ?? SUMMARY_REST });
    const bytes = utf8Length(text);
    if (bytes <= maxBytes || maxLength <= 1) return text;
    // Scale the document's own length (never more than maxLength, often less: items are whole), so
    // each round drops at least the bytes it was over instead of creeping down one character at a time.
    maxLength = Math.max(1, Math.min(maxLength - 1, Math.floor((text.length * maxBytes) / bytes)));
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
