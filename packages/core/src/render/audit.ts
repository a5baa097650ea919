import type { LockfileDiff } from '../diff.js';

/**
 * What the renderers take: the lockfiles audited, each with its diff. In `audit` mode there is no
 * base (every finding is current); in `diff` mode findings are introduced, resolved or unchanged.
 */
export interface Audit {
  readonly mode: 'audit' | 'diff';
  readonly lockfiles: readonly { readonly path: string; readonly diff: LockfileDiff }[];
}
