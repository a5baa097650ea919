import { compareVersions, readStrictVersion, type VersionParts } from '../version-order.js';

/**
 * One requirement of an advisory's `patched` or `unaffected` list, as an interval of versions.
 *
 * RustSec does not match these with Cargo's requirement semantics: it turns each requirement into an
 * interval over the total semver order, so prereleases fall where their precedence puts them
 * (rustsec/rustsec@7fad63bd rustsec/src/osv/unaffected_range.rs, `TryFrom<&VersionReq> for
 * UnaffectedRange`; rustsec/src/advisory/versions.rs, `is_vulnerable`). `^x` and `~x` end just below
 * the next line's first prerelease (`-0`); a bound written `1.3` means `1.3.0`; `*` is every version.
 */
export interface VersionInterval {
  readonly start?: { readonly version: string; readonly inclusive: boolean };
  readonly end?: { readonly version: string; readonly inclusive: boolean };
}

const COMPARATOR = /^(>=|<=|>|<|=|\^|~)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Reads one requirement (`">= 1.2.3, < 1.3"`, `"^0.4"`, `"*"`); throws an Error saying what is wrong. */
export function parseRequirement(requirement: string): VersionInterval {
  const trimmed = requirement.trim();
  if (trimmed === '*') return {};
  const parts = trimmed.split(',').map((part) => part.trim());
  if (parts.length > 2) throw new Error(`"${requirement}" has more than two comparators`);
  let start: VersionInterval['start'];
  let end: VersionInterval['end'];
  for (const part of parts) {
    const match = COMPARATOR.exec(part);
    if (!match) throw new Error(`"${part}" is not a version comparator such as ">= 1.2.3", "< 2" or "^0.4"`);
    const [, op = '^', majorText, minorText, patchText, pre] = match;
    const major = Number(majorText);
    const minor = minorText === undefined ? undefined : Number(minorText);
    const patch = patchText === undefined ? undefined : Number(patchText);
    if (minor === undefined && patch !== undefined) throw new Error(`"${part}" has a patch but no minor version`);
    const version = `${major}.${minor ?? 0}.${patch ?? 0}${pre ? `-${pre}` : ''}`;
    if (readStrictVersion(version) === null) throw new Error(`"${part}" does not name a semver version`);
    const lower = op === '>' || op === '>=';
    const upper = op === '<' || op === '<=';
    if ((lower && start) || (upper && end)) throw new Error(`"${requirement}" has two ${lower ? 'lower' : 'upper'} bounds`);
    if (!lower && !upper && parts.length !== 1) throw new Error(`"${part}" must stand alone in its requirement`);
    if (lower) start = { version, inclusive: op === '>=' };
    else if (upper) end = { version, inclusive: op === '<=' };
    else if (op === '=') {
      start = { version, inclusive: true };
      end = { version, inclusive: true };
    } else {
      // ^ and ~: up to the next compatible line, ending below its first prerelease.
      const next =
        op === '~'
          ? minor === undefined
            ? `${major + 1}.0.0`
            : `${major}.${minor + 1}.0`
          : major > 0
            ? `${major + 1}.0.0`
            : minor === undefined
              ? '1.0.0'
              : minor > 0 || patch === undefined
                ? `0.${minor + 1}.0`
                : `0.0.${patch + 1}`;
      start = { version, inclusive: true };
      end = { version: `${next}-0`, inclusive: false };
    }
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/**
 * An interval with its bounds read, as plain JSON so that generated data can hold it ready to use:
 * start and end, each `null` when open, else `[inclusive, version]` (`[[1, [1, 2, 3]], [0, [1, 3, 0]]]`
 * for `>= 1.2.3, < 1.3`).
 */
export type CompiledInterval = readonly [start: CompiledBound | null, end: CompiledBound | null];
type CompiledBound = readonly [inclusive: 0 | 1, version: VersionParts];

/** An interval with its bounds read; throws on a bound that is not strict semver (`parseRequirement` never makes one). */
export function compileInterval(interval: VersionInterval): CompiledInterval {
  const bound = (edge: { readonly version: string; readonly inclusive: boolean } | undefined): CompiledBound | null => {
    if (!edge) return null;
    const version = readStrictVersion(edge.version);
    if (!version) throw new Error(`"${edge.version}" is not a semver version`);
    return [edge.inclusive ? 1 : 0, version];
  };
  return [bound(interval.start), bound(interval.end)];
}

/** Whether a version lies inside a compiled interval (prereleases ordered by precedence). */
export function compiledContains(interval: CompiledInterval, version: VersionParts): boolean {
  const start = interval[0];
  const end = interval[1];
  if (start) {
    const order = compareVersions(version, start[1]);
    if (order < 0 || (order === 0 && start[0] === 0)) return false;
  }
  if (end) {
    const order = compareVersions(version, end[1]);
    if (order > 0 || (order === 0 && end[0] === 0)) return false;
  }
  return true;
}

/**
 * Whether a strict semver version lies inside an interval (prereleases ordered by precedence).
 *
 * @throws {Error} when the version is not strict semver.
 */
export function intervalContains(interval: VersionInterval, version: string): boolean {
  const parts = readStrictVersion(version);
  if (!parts) throw new Error(`"${version}" is not a semver version`);
  return compiledContains(compileInterval(interval), parts);
}
