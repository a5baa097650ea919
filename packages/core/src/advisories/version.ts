/**
 * A semver version as plain JSON-able parts (`[1, 0, 0, "alpha", "1"]` for `1.0.0-alpha.1`: major,
 * minor, patch, then the prerelease identifiers as written), read and ordered the way node-semver reads and orders a strict
 * version (semver@7 `classes/semver.js`: `FULL` grammar, `compareMain`, `comparePre`;
 * `internal/identifiers.js`: `compareIdentifiers`), without loading node-semver: matching the advisory
 * data runs on every audit, and a cold process pays for every module and regular expression it touches.
 */
export type VersionParts = readonly [major: number, minor: number, patch: number, ...prerelease: string[]];

// semver 2.0's grammar, as node-semver's FULL expression without its `v` prefix: numbers without leading
// zeros; prerelease identifiers numeric (no leading zero) or holding a letter or dash; build metadata ignored.
const IDENTIFIER = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const STRICT = new RegExp(
  `^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
/** node-semver refuses longer version strings. */
const MAX_LENGTH = 256;

/**
 * Reads a strict semver version (`1.2.3`, `1.0.0-alpha.1+build`); `null` for anything else (a `v`
 * prefix, spaces, a short `1.2`, a number past 2^53 − 1), where node-semver's strict parse gives `null` too.
 */
export function readStrictVersion(text: string): VersionParts | null {
  if (text.length > MAX_LENGTH) return null;
  const match = STRICT.exec(text);
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3]);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER || patch > Number.MAX_SAFE_INTEGER) return null;
  return match[4] === undefined ? [major, minor, patch] : [major, minor, patch, ...match[4].split('.')];
}

const NUMERIC = /^[0-9]+$/;

/** node-semver's `compareIdentifiers`: numbers by value and below words; words by UTF-16 code units. */
function compareIdentifiers(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) {
    const x = Number(a);
    const y = Number(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (a === b) return 0;
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a < b ? -1 : 1;
}

/** Semver precedence, as node-semver's `compare`: main version, then a release above its prereleases. */
export function compareVersions(a: VersionParts, b: VersionParts): number {
  for (let index = 0; index < 3; index++) {
    if (a[index] !== b[index]) return (a[index] as number) < (b[index] as number) ? -1 : 1;
  }
  if (a.length === 3 || b.length === 3) return a.length === b.length ? 0 : a.length === 3 ? 1 : -1;
  for (let index = 3; ; index++) {
    const left = a[index] as string | undefined;
    const right = b[index] as string | undefined;
    if (left === undefined) return right === undefined ? 0 : -1;
    if (right === undefined) return 1;
    if (left !== right) return compareIdentifiers(left, right);
  }
}
