// Only the pieces of semver these functions use: its index loads every module it has.
import Range from 'semver/classes/range.js';
import coerce from 'semver/functions/coerce.js';
import parse from 'semver/functions/parse.js';
import valid from 'semver/functions/valid.js';
import { readStrictVersion, type VersionParts } from '../version-order.js';
import { compileSimpleRange } from './simple-range.js';

const RANGE_OPTIONS = { includePrerelease: true, loose: true } as const;

/** The quick test of each range the knowledge base writes, `null` for a range it does not take. */
const simpleRanges = new Map<string, ((version: VersionParts) => boolean) | null>();
/** semver's Range of every other range (a policy may write any), `null` when invalid. */
const semverRanges = new Map<string, Range | null>();
/** Each Cargo version as semver reads it, once per distinct version string. */
const readVersions = new Map<string, string | null>();
/** Each Cargo version as comparable parts, once per distinct version string. */
const versionPartsRead = new Map<string, VersionParts | null>();

/** Whether a Cargo version is inside a semver range (prereleases count: rocket 0.5.0-dev is 0.5). */
export function versionInRange(version: string, range: string): boolean {
  if (range === '*' || range === '') return true;
  const simple = memoised(simpleRanges, range, () => compileSimpleRange(range) ?? null);
  if (simple) {
    const parts = versionParts(version);
    return parts !== null && simple(parts);
  }
  // A range the quick test does not take: as semver.satisfies, where a range that does not parse
  // matches nothing.
  const exact = readVersion(version);
  const semverRange = memoised(semverRanges, range, () => {
    try {
      return new Range(range, RANGE_OPTIONS);
    } catch {
      return null;
    }
  });
  return exact !== null && semverRange?.test(exact) === true;
}

/**
 * A Cargo version as semver parts, read once per distinct version: the strict grammar Cargo writes
 * by hand (`readStrictVersion`), anything else as node-semver reads it loosely (`readVersion`);
 * `null` when even that fails. What the knowledge ranges and the advisory match compare.
 */
export function versionParts(version: string): VersionParts | null {
  return memoised(versionPartsRead, version, () => {
    const strict = readStrictVersion(version);
    if (strict !== null) return strict;
    const exact = readVersion(version);
    const loose = exact === null ? null : parse(exact);
    return loose && [loose.major, loose.minor, loose.patch, ...loose.prerelease.map(String)];
  });
}

function memoised<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** A Cargo version as semver reads it (loose, or coerced keeping its prerelease), `null` when unreadable. Memoised. */
export function readVersion(version: string): string | null {
  return memoised(
    readVersions,
    version,
    () => valid(version, { loose: true }) ?? coerce(version, { includePrerelease: true, loose: true })?.version ?? null,
  );
}

/**
 * The semver-compatibility line of a version, as Cargo sees it: `1` for 1.x.y, `0.2` for 0.2.z,
 * `0.0.3` for 0.0.3. Two versions on one line are interchangeable; a patch bump keeps the line.
 */
export function compatibilityLine(version: string): string {
  const parsed = parse(version, { loose: true }) ?? coerce(version);
  if (!parsed) return version;
  if (parsed.major > 0) return `${parsed.major}`;
  if (parsed.minor > 0) return `0.${parsed.minor}`;
  return `0.0.${parsed.patch}`;
}
