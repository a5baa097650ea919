import type { Policy } from './schema.js';

/**
 * The policy without a file: a Tokio team's. The primary runtime is whichever most workspace members
 * reach (tokio on a tie), any runtime is allowed but a second one is an error, built-in discouraged
 * crates apply, default severities, no exceptions.
 */
export const defaultPolicy: Policy = Object.freeze({
  severity: Object.freeze({}),
  discouraged: Object.freeze([]),
  allow: Object.freeze([]),
});
