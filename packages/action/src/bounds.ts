import { showInvisible } from '@runtime-guard/core';
import { scrub } from './scrub.js';

/** Longest message the action prints as one `::error::`/`::warning::` line or puts in the failure summary. */
export const MESSAGE_LIMIT = 2_000;

/**
 * A message fit for the log, an annotation or the job summary: no secret, control and invisible
 * characters shown as escapes (lines kept), and at most {@link MESSAGE_LIMIT} characters — an error
 * that lists 100,000 packages, or quotes a 200 KB value, says how much it left out instead.
 */
export function boundMessage(message: string, limit = MESSAGE_LIMIT): string {
  const clean = scrub(message).split('\n').map(showInvisible).join('\n');
  return clean.length <= limit ? clean : `${clean.slice(0, limit)}… (${clean.length - limit} more characters left out)`;
}
