// Only the pieces of semver these functions use: its index loads every module it has.
import Range from 'semver/classes/range.js';
import coerce from 'semver/functions/coerce.js';
import parse from 'semver/functions/parse.js';
import valid from 'semver/functions/valid.js';
import { readStrictVersion, type VersionParts } from '../version-order.js';
import { compileSimpleRange } from './simple-range.js';

const RANGE_OPTIONS = { includePrerelease: true, loose: true } as const;

/** A compiled range: the quick test for ranges the knowledge base writes, or semver's Range. */
type CompiledRange = { readonly simple: (version: VersionParts) => boolean } | { readonly semver: Range };

/** Ranges compiled once each (the knowledge base and a policy name a few dozen), `null` when invalid. */
const compiledRanges = new Map<string, CompiledRange | null>();
/** Each Cargo version as semver reads it, once per distinct version string. */
const readVersions = new Map<string, string | null>();

/** Whether a Cargo version is inside a semver range (prereleases count: rocket 0.5.0-dev is 0.5). */
export function versionInRange(version: string, range: string): boolean {
  if (range === '*' || range === '') return true;
  const compiled = compileRange(range);
  // As semver.satisfies: a range that does not parse matches nothing.
  if (compiled === null) return false;
  if ('simple' in compiled) {
    const full = readStrictVersion(version);
    if (full) return compiled.simple(full);
  }
  const exact = readVersion(version);
  const semverRange = 'semver' in compiled ? compiled.semver : compileSemverRange(range);
  return exact !== null && semverRange?.test(exact) === true;
}

function compileRange(range: string): CompiledRange | null {
  let compiled = compiledRanges.get(range);
  if (compiled === undefined) {
    const simple = compileSimpleRange(range);
    const semverRange = simple ? undefined : compileSemverRange(range);
    compiled = simple ? { simple } : semverRange ? { semver: semverRange } : null;
    compiledRanges.set(range, compiled);
  }
  return compiled;
}

/** semver's Range for what the quick test does not take (and for loose versions), `null` when invalid. Memoised. */
function compileSemverRange(range: string): Range | null {
  let compiled = semverRanges.get(range);
  if (compiled === undefined) {
    try {
      compiled = new Range(range, RANGE_OPTIONS);
    } catch {
      compiled = null;
    }
    semverRanges.set(range, compiled);
  }
  return compiled;
}
const semverRanges = new Map<string, Range | null>();

/** A Cargo version as semver reads it (loose, or coerced keeping its prerelease), `null` when unreadable. Memoised. */
export function readVersion(version: string): string | null {
  let exact = readVersions.get(version);
  if (exact === undefined) {
    exact = valid(version, { loose: true }) ?? coerce(version, { includePrerelease: true, loose: true })?.version ?? null;
    readVersions.set(version, exact);
  }
  return exact;
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
