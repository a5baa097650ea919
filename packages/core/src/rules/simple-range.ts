/*
 * Version ranges the knowledge base writes (`>=0.2.0-0 <0.3.0-0`, `<1.0.0-0`, `*`) checked without
 * building a semver `Range`: in a fresh process, compiling a few dozen of those costs more than
 * the rest of the analysis of a large lockfile (its regular expressions run cold). Only full
 * `MAJOR.MINOR.PATCH` versions with an optional prerelease, each with one of `>=`, `>`, `<=`, `<`,
 * `=` or none, all of which must hold; anything else (x-ranges, `^`, `~`, `||`, hyphens, loose forms)
 * is left to semver by returning `undefined`. Versions are read and ordered by `version-order.ts`
 * (SemVer 2.0 precedence, build metadata ignored), prereleases compared like any version, as semver
 * does with `includePrerelease` (a test checks both agree on every version of the corpus).
 */

import { compareVersions, readStrictVersion, type VersionParts } from '../version-order.js';

const COMPARATOR = /^(>=|<=|>|<|=)?(.+)$/;

/** A test for the ranges described above, or `undefined` when the range needs semver. */
export function compileSimpleRange(range: string): ((version: VersionParts) => boolean) | undefined {
  const trimmed = range.trim();
  if (trimmed === '*' || trimmed === '') return () => true;
  const tests: ((version: VersionParts) => boolean)[] = [];
  for (const part of trimmed.split(/\s+/)) {
    const match = COMPARATOR.exec(part);
    const bound = match ? readStrictVersion(match[2] as string) : undefined;
    // Build metadata in a range is unusual enough to leave to semver.
    if (!match || !bound || (match[2] as string).includes('+')) return undefined;
    const operator = match[1] ?? '=';
    tests.push((version) => {
      const order = compareVersions(version, bound);
      if (operator === '>=') return order >= 0;
      if (operator === '>') return order > 0;
      if (operator === '<=') return order <= 0;
      if (operator === '<') return order < 0;
      return order === 0;
    });
  }
  return (version) => tests.every((test) => test(version));
}
