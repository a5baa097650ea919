import type { LockfileDiff } from '../diff.js';
import type { Finding } from '../findings/types.js';

/**
 * What the renderers take: the lockfiles audited, each with its diff. In `audit` mode there is no
 * base (every finding is current); in `diff` mode findings are introduced, resolved or unchanged.
 */
export interface Audit {
  readonly mode: 'audit' | 'diff';
  readonly lockfiles: readonly { readonly path: string; readonly diff: LockfileDiff }[];
}

/** The findings of one lockfile that count: introduced ones in diff mode, every current one otherwise. */
export function countedFindings(audit: Audit, diff: LockfileDiff): readonly Finding[] {
  return audit.mode === 'diff' ? diff.findings.introduced : diff.head.findings;
}
