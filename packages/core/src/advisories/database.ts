import SemVer from 'semver/classes/semver.js';
import { ADVISORY_ROWS, ADVISORY_SNAPSHOT } from '../knowledge/advisories.generated.js';
import { readVersion } from '../rules/versions.js';
import { parseRequirement } from './ranges.js';
import type { Advisory, AdvisoryKind, AdvisorySource } from './types.js';

/** Advisory data as the rule reads it: which data it is, and the advisories of one crate. */
export interface AdvisoryDatabase {
  readonly source: AdvisorySource;
  /** The advisories about a crate, withdrawn ones included (they never match), in id order. */
  advisoriesFor(crate: string): readonly Advisory[];
}

/**
 * The compact row of one advisory in the generated module: a JSON array, package first so the
 * database can be indexed without parsing a row.
 */
type Row = [
  pkg: string,
  id: string,
  date: string,
  kind: AdvisoryKind,
  withdrawn: string,
  patched: string[],
  unaffected: string[],
  os: string[],
  arch: string[],
  functions: string[],
  aliases: string[],
  url: string,
  title: string,
  license: string,
  alternatives: string[],
];

/** One advisory as its compact JSON row (the generated module's form). */
export function advisoryToRow(advisory: Advisory): string {
  const row: Row = [
    advisory.package,
    advisory.id,
    advisory.date,
    advisory.kind,
    advisory.withdrawn ?? '',
    [...advisory.patched],
    [...advisory.unaffected],
    [...advisory.os],
    [...advisory.arch],
    [...advisory.functions],
    [...advisory.aliases],
    advisory.url ?? '',
    advisory.title,
    advisory.license ?? '',
    [...advisory.alternatives],
  ];
  return JSON.stringify(row);
}

function rowToAdvisory(text: string): Advisory {
  const [pkg, id, date, kind, withdrawn, patched, unaffected, os, arch, functions, aliases, url, title, license, alternatives] = JSON.parse(
    text,
  ) as Row;
  return {
    id,
    package: pkg,
    date,
    kind,
    ...(withdrawn ? { withdrawn } : {}),
    patched,
    unaffected,
    os,
    arch,
    functions,
    aliases,
    ...(url ? { url } : {}),
    title,
    ...(license ? { license } : {}),
    alternatives,
  };
}

/** The package a row is about, read without parsing the row (crate names need no JSON escapes). */
function rowPackage(row: string): string {
  return row.slice(2, row.indexOf('"', 2));
}

/** A database over advisories already read (from a checkout given at run time). */
export function advisoryDatabaseFrom(advisories: readonly Advisory[], source: Omit<AdvisorySource, 'count'>): AdvisoryDatabase {
  const byCrate = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const list = byCrate.get(advisory.package);
    if (list) list.push(advisory);
    else byCrate.set(advisory.package, [advisory]);
  }
  return { source: { ...source, count: advisories.length }, advisoriesFor: (crate) => byCrate.get(crate) ?? [] };
}

let bundled: AdvisoryDatabase | undefined;

/**
 * The snapshot bundled with runtime-guard, indexed on first use; a crate's rows are parsed only when
 * a lockfile holds that crate, so a run pays for the crates it has, not for the whole database.
 */
export function bundledAdvisories(): AdvisoryDatabase {
  if (bundled) return bundled;
  const rowsByCrate = new Map<string, number[]>();
  ADVISORY_ROWS.forEach((row, index) => {
    const pkg = rowPackage(row);
    const list = rowsByCrate.get(pkg);
    if (list) list.push(index);
    else rowsByCrate.set(pkg, [index]);
  });
  const parsed = new Map<string, readonly Advisory[]>();
  bundled = {
    source: { kind: 'bundled', commit: ADVISORY_SNAPSHOT.commit, date: ADVISORY_SNAPSHOT.date, count: ADVISORY_ROWS.length },
    advisoriesFor(crate) {
      let list = parsed.get(crate);
      if (!list) {
        list = (rowsByCrate.get(crate) ?? []).map((index) => rowToAdvisory(ADVISORY_ROWS[index] as string));
        parsed.set(crate, list);
      }
      return list;
    },
  };
  return bundled;
}

/** An interval with its bounds parsed once: matching compares objects, never re-reads strings. */
interface CompiledInterval {
  readonly start?: { readonly version: SemVer; readonly inclusive: boolean };
  readonly end?: { readonly version: SemVer; readonly inclusive: boolean };
}

const intervals = new Map<string, CompiledInterval | null>();
const versions = new Map<string, SemVer | null>();

function intervalOf(requirement: string): CompiledInterval | null {
  let compiled = intervals.get(requirement);
  if (compiled === undefined) {
    try {
      const { start, end } = parseRequirement(requirement);
      compiled = {
        ...(start ? { start: { version: new SemVer(start.version), inclusive: start.inclusive } } : {}),
        ...(end ? { end: { version: new SemVer(end.version), inclusive: end.inclusive } } : {}),
      };
    } catch {
      compiled = null;
    }
    intervals.set(requirement, compiled);
  }
  return compiled;
}

function semverOf(version: string): SemVer | null {
  let parsed = versions.get(version);
  if (parsed === undefined) {
    const exact = readVersion(version);
    parsed = exact === null ? null : new SemVer(exact);
    versions.set(version, parsed);
  }
  return parsed;
}

function contains(interval: CompiledInterval, version: SemVer): boolean {
  const { start, end } = interval;
  if (start) {
    const order = version.compare(start.version);
    if (order < 0 || (order === 0 && !start.inclusive)) return false;
  }
  if (end) {
    const order = version.compare(end.version);
    if (order > 0 || (order === 0 && !end.inclusive)) return false;
  }
  return true;
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
  const exact = semverOf(version);
  if (!exact) return false;
  for (const requirement of advisory.patched) {
    const interval = intervalOf(requirement);
    if (interval && contains(interval, exact)) return false;
  }
  for (const requirement of advisory.unaffected) {
    const interval = intervalOf(requirement);
    if (interval && contains(interval, exact)) return false;
  }
  return true;
}
