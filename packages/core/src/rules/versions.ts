import semver from 'semver';

const RANGE_OPTIONS = { includePrerelease: true, loose: true } as const;

/** Whether a Cargo version is inside a semver range (prereleases count: rocket 0.5.0-dev is 0.5). */
export function versionInRange(version: string, range: string): boolean {
  if (range === '*' || range === '') return true;
  const parsed = semver.coerce(version, { includePrerelease: true, loose: true });
  const exact = semver.valid(version, { loose: true }) ?? parsed?.version;
  return exact !== undefined && exact !== null && semver.satisfies(exact, range, RANGE_OPTIONS);
}

/**
 * The semver-compatibility line of a version, as Cargo sees it: `1` for 1.x.y, `0.2` for 0.2.z,
 * `0.0.3` for 0.0.3. Two versions on one line are interchangeable; a patch bump keeps the line.
 */
export function compatibilityLine(version: string): string {
  const parsed = semver.parse(version, { loose: true }) ?? semver.coerce(version);
  if (!parsed) return version;
  if (parsed.major > 0) return `${parsed.major}`;
  if (parsed.minor > 0) return `0.${parsed.minor}`;
  return `0.0.${parsed.patch}`;
}
