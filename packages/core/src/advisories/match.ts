import { versionParts } from '../rules/versions.js';
import { type CompiledInterval, compiledContains, compileInterval, parseRequirement } from './ranges.js';
import type { Advisory } from './types.js';

/** Requirements read so far (advisories from a checkout share many), `null` when one cannot be read. */
const intervals = new Map<string, CompiledInterval | null>();
/** Each advisory's `patched` then `unaffected` intervals: read once, or given with the data. */
const advisoryIntervals = new WeakMap<Advisory, readonly (CompiledInterval | null)[]>();

/** Gives an advisory's `patched` then `unaffected` intervals, read ahead of time (the generated data holds them). */
export function rememberIntervals(advisory: Advisory, compiled: readonly (CompiledInterval | null)[]): void {
  advisoryIntervals.set(advisory, compiled);
}

/** An advisory's `patched` then `unaffected` requirements as intervals (`null` for one that cannot be read). */
export function intervalsOf(advisory: Advisory): readonly (CompiledInterval | null)[] {
  let compiled = advisoryIntervals.get(advisory);
  if (compiled === undefined) {
    compiled = [...advisory.patched, ...advisory.unaffected].map(intervalOf);
    advisoryIntervals.set(advisory, compiled);
  }
  return compiled;
}

function intervalOf(requirement: string): CompiledInterval | null {
  let compiled = intervals.get(requirement);
  if (compiled === undefined) {
    try {
      compiled = compileInterval(parseRequirement(requirement));
    } catch {
      compiled = null;
    }
    intervals.set(requirement, compiled);
  }
  return compiled;
}

/**
 * Whether a crate version is affected, by RustSec's rule: never for a withdrawn advisory; otherwise
 * affected unless it lies in a `patched` or `unaffected` requirement. A version semver cannot read
 * even loosely is never affected.
 */
export function isAffected(advisory: Advisory, version: string): boolean {
  if (advisory.withdrawn) return false;
  // Every version is affected: no need to read this one (it may be no semver at all).
  if (advisory.patched.length === 0 && advisory.unaffected.length === 0) return true;
  const parts = versionParts(version);
  if (!parts) return false;
  const compiled = intervalsOf(advisory);
  for (let index = 0; index < compiled.length; index++) {
    const interval = compiled[index];
    if (interval && compiledContains(interval, parts)) return false;
  }
  return true;
}
