/**
 * A semver version as plain JSON-able parts (`[1, 0, 0, "alpha", "1"]` for `1.0.0-alpha.1`: major,
 * minor, patch, then the prerelease identifiers as written), read and ordered the way node-semver
 * reads and orders a strict version (semver@7 `classes/semver.js`: `FULL` grammar, `compareMain`,
 * `comparePre`; `internal/identifiers.js`: `compareIdentifiers`), without loading node-semver:
 * matching the advisory data runs on every audit, and a cold process pays for every module and
 * regular expression it touches.
 */
export type VersionParts = readonly [major: number, minor: number, patch: number, ...prerelease: string[]];

/** node-semver refuses longer version strings. */
const MAX_LENGTH = 256;
const DOT = 46;
const DASH = 45;
const PLUS = 43;
const ZERO = 48;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** `[0-9A-Za-z-]`, the characters of an identifier. */
const isIdentifierCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === DASH;

/**
 * Reads a strict semver version (`1.2.3`, `1.0.0-alpha.1+build`); `null` for anything else (a `v`
 * prefix, spaces, a short `1.2`, a leading zero, a number past 2^53 − 1), exactly where node-semver's
 * strict parse gives `null` too: semver 2.0's grammar, numbers without leading zeros, prerelease
 * identifiers numeric (no leading zero) or holding a letter or dash, build metadata ignored. Read by
 * hand, not by a regular expression: a cold process would compile the expression first, which costs
 * more than the whole match.
 */
export function readStrictVersion(text: string): VersionParts | null {
  if (text.length > MAX_LENGTH) return null;
  let index = 0;
  const main: number[] = [];
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (text.charCodeAt(index) !== DOT) return null;
      index++;
    }
    const start = index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index === start || (text.charCodeAt(start) === ZERO && index - start > 1)) return null;
    const value = Number(text.slice(start, index));
    if (value > Number.MAX_SAFE_INTEGER) return null;
    main.push(value);
  }
  const prerelease: string[] = [];
  if (text.charCodeAt(index) === DASH) {
    do {
      index++;
      const start = index;
      let numeric = true;
      while (isIdentifierCode(text.charCodeAt(index))) {
        if (!isDigit(text.charCodeAt(index))) numeric = false;
        index++;
      }
      if (index === start || (numeric && text.charCodeAt(start) === ZERO && index - start > 1)) return null;
      prerelease.push(text.slice(start, index));
    } while (text.charCodeAt(index) === DOT);
  }
  if (text.charCodeAt(index) === PLUS) {
    do {
      index++;
      const start = index;
      while (isIdentifierCode(text.charCodeAt(index))) index++;
      if (index === start) return null;
    } while (text.charCodeAt(index) === DOT);
  }
  if (index !== text.length) return null;
  return [main[0] as number, main[1] as number, main[2] as number, ...prerelease];
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
