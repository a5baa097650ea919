/*
 * Version ranges the knowledge base writes (`>=0.2.0-0 <0.3.0-0`, `<1.0.0-0`, `*`) checked without
 * building a semver `Range`: in a fresh process, compiling a few dozen of those costs more than
 * the rest of the analysis of a large lockfile (its regular expressions run cold). Only full
 * `MAJOR.MINOR.PATCH` versions with an optional prerelease, each with one of `>=`, `>`, `<=`, `<`,
 * `=` or none, all of which must hold; anything else (x-ranges, `^`, `~`, `||`, hyphens, loose forms)
 * is left to semver by returning `undefined`. Ordering is SemVer 2.0's precedence
 * (https://semver.org/#spec-item-11), build metadata ignored, with prereleases compared like any
 * version, as semver does with `includePrerelease` (a test checks both agree on every version of the
 * corpus).
 */

/** A version split for comparison: the three numbers and the prerelease identifiers. */
export interface FullVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
}

const NUMBER = '(0|[1-9][0-9]{0,15})';
const IDENTIFIER = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
const FULL_VERSION = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const COMPARATOR = /^(>=|<=|>|<|=)?(.+)$/;

/** A strict SemVer 2.0 version (as Cargo writes them), or `undefined` for anything else. */
export function parseFullVersion(text: string): FullVersion | undefined {
  const match = FULL_VERSION.exec(text);
  if (!match) return undefined;
  const numbers = [Number(match[1]), Number(match[2]), Number(match[3])] as const;
  // Beyond 2^53 numbers stop being exact: semver refuses them too, so leave them to it.
  if (!numbers.every(Number.isSafeInteger)) return undefined;
  const prerelease = match[4] === undefined ? [] : match[4].split('.').map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
  if (prerelease.some((part) => typeof part === 'number' && !Number.isSafeInteger(part))) return undefined;
  return { major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease };
}

/** SemVer precedence: negative when `a` comes first, 0 when equal (build metadata ignored). */
export function compareFullVersions(a: FullVersion, b: FullVersion): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  // A release comes after its prereleases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let index = 0; index < Math.max(a.prerelease.length, b.prerelease.length); index++) {
    const x = a.prerelease[index];
    const y = b.prerelease[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    // Numeric identifiers come before alphanumeric ones; each kind compares in its own order.
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** A test for the ranges described above, or `undefined` when the range needs semver. */
export function compileSimpleRange(range: string): ((version: FullVersion) => boolean) | undefined {
  const trimmed = range.trim();
  if (trimmed === '*' || trimmed === '') return () => true;
  const tests: ((version: FullVersion) => boolean)[] = [];
  for (const part of trimmed.split(/\s+/)) {
    const match = COMPARATOR.exec(part);
    const bound = match ? parseFullVersion(match[2] as string) : undefined;
    // Build metadata in a range is unusual enough to leave to semver.
    if (!match || !bound || (match[2] as string).includes('+')) return undefined;
    const operator = match[1] ?? '=';
    tests.push((version) => {
      const order = compareFullVersions(version, bound);
      if (operator === '>=') return order >= 0;
      if (operator === '>') return order > 0;
      if (operator === '<=') return order <= 0;
      if (operator === '<') return order < 0;
      return order === 0;
    });
  }
  return (version) => tests.every((test) => test(version));
}
