import { type Audit, GITHUB_SUMMARY_LIMIT, renderSummary } from '@runtime-guard/core';

/** The job summary for an audit, with the action's own notes (annotations left out, where files came from) at the end. */
export function auditSummary(audit: Audit, notes: readonly string[], rest?: string): string {
  const tail = notes.length > 0 ? `\n${notes.map((note) => `> ${note}`).join('\n>\n')}\n` : '';
  return renderSummary(audit, { maxBytes: GITHUB_SUMMARY_LIMIT - Buffer.byteLength(tail), ...(rest ? { rest } : {}) }) + tail;
}

/** The job summary when the audit could not run: the reason, so the run page says what to fix. */
export function failureSummary(message: string): string {
  return `## runtime-guard\n\n❌ **The audit could not run.**\n\n\`\`\`text\n${message.replace(/`{3,}/g, "'''").slice(0, 60_000)}\n\`\`\`\n`;
}

/**
 * A line added to the summary after the fact (a comment that could not be posted). The note is ours,
 * but it quotes an API error message: HTML and line breaks are taken out of it.
 */
export function summaryNote(note: string): string {
  return `\n> ⚠️ ${note.replace(/[<>]/g, '').replace(/\s*\n\s*/g, ' ')}\n`;
}
