import coerce from 'semver/functions/coerce.js';
import compare from 'semver/functions/compare.js';
import valid from 'semver/functions/valid.js';
import type { Report } from './analyze.js';
import type { Finding } from './findings/types.js';
import { compatibilityLine } from './rules/versions.js';

/** Whether a finding is new in the head, gone from it, or there in both. */
export type FindingStatus = 'introduced' | 'resolved' | 'unchanged';

/** A package whose version changed between base and head. */
export interface PackageChange {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly direction: 'upgrade' | 'downgrade';
  /** True when the change crosses a semver-compatibility line (1.x → 2.x, 0.2 → 0.3). */
  readonly major: boolean;
}

/** What a change does to one lockfile. */
export interface LockfileDiff {
  /** The head report (what the lockfile is now). */
  readonly head: Report;
  /** The base report; absent when the lockfile is new. */
  readonly base?: Report;
  readonly findings: {
    readonly introduced: readonly Finding[];
    readonly resolved: readonly Finding[];
    readonly unchanged: readonly Finding[];
  };
  /** Runtime families whose executor appears or disappears. */
  readonly runtimes: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Frameworks (`crate version`) that appear or disappear. */
  readonly frameworks: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly packages: {
    readonly added: readonly { readonly name: string; readonly version: string }[];
    readonly removed: readonly { readonly name: string; readonly version: string }[];
    readonly changed: readonly PackageChange[];
  };
}

/**
 * Compares the reports of one lockfile before and after a change. Findings are matched by
 * fingerprint, so a patch upgrade of a crate already flagged is not "introduced". A missing base
 * (a new lockfile) counts as empty.
 *
 * @example
 * const diff = diffReports(analyze(baseGraph), analyze(headGraph));
 * if (diff.findings.introduced.some((finding) => finding.severity === 'error')) process.exitCode = 1;
 */
export function diffReports(base: Report | undefined, head: Report): LockfileDiff {
  const baseFindings = base?.findings ?? [];
  // One side read with the workspace's manifests and the other without (a base commit whose
  // manifests could not be read): compare as if neither had them, or every scoped finding is "new".
  const oneSidedScope = base !== undefined && (base.scope === undefined) !== (head.scope === undefined);
  const print = (finding: Pick<Finding, 'fingerprint' | 'lockfileFingerprint'>) =>
    oneSidedScope ? (finding.lockfileFingerprint ?? finding.fingerprint) : finding.fingerprint;
  // Nested findings count too: a finding grouped under another in one report is still there.
  const everyFingerprint = (findings: readonly Finding[]) =>
    new Set(findings.flatMap((finding) => [print(finding), ...finding.related.map(print)]));
  const baseFingerprints = everyFingerprint(baseFindings);
  const headFingerprints = everyFingerprint(head.findings);
  const executors = (report: Report | undefined) =>
    (report?.runtimes ?? []).filter((runtime) => runtime.evidence === 'executor').map((runtime) => runtime.family as string);
  const frameworks = (report: Report | undefined) =>
    (report?.frameworks ?? []).map((framework) => `${framework.crate} ${framework.version}`);
  return {
    head,
    ...(base ? { base } : {}),
    findings: {
      introduced: head.findings.filter((finding) => !baseFingerprints.has(print(finding))),
      resolved: baseFindings.filter((finding) => !headFingerprints.has(print(finding))),
      unchanged: head.findings.filter((finding) => baseFingerprints.has(print(finding))),
    },
    runtimes: setDifference(executors(base), executors(head)),
    frameworks: setDifference(frameworks(base), frameworks(head)),
    packages: diffPackages(base?.packages ?? [], head.packages),
  };
}

function setDifference(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  return { added: after.filter((item) => !beforeSet.has(item)), removed: before.filter((item) => !afterSet.has(item)) };
}

type PackageRef = { readonly name: string; readonly version: string };

function diffPackages(before: readonly PackageRef[], after: readonly PackageRef[]): LockfileDiff['packages'] {
  if (before.length === 0) return { added: everyPackageOnce(after), removed: [], changed: [] };
  const versions = (packages: readonly PackageRef[]) => {
    const byName = new Map<string, Set<string>>();
    for (const pkg of packages) byName.set(pkg.name, (byName.get(pkg.name) ?? new Set()).add(pkg.version));
    return byName;
  };
  const beforeByName = versions(before);
  const afterByName = versions(after);
  const added: PackageRef[] = [];
  const removed: PackageRef[] = [];
  const changed: PackageChange[] = [];
  for (const name of new Set([...beforeByName.keys(), ...afterByName.keys()])) {
    const old = [...(beforeByName.get(name) ?? [])].filter((version) => !afterByName.get(name)?.has(version));
    const now = [...(afterByName.get(name) ?? [])].filter((version) => !beforeByName.get(name)?.has(version));
    // A version out and a version in on the same semver line is a change; so is a single version
    // out and a single one in across lines (a major upgrade). Anything else is additions and removals.
    for (const version of [...now]) {
      const sameLine = old.filter((candidate) => compatibilityLine(candidate) === compatibilityLine(version));
      if (sameLine.length !== 1) continue;
      changed.push(describeChange(name, sameLine[0] as string, version));
      old.splice(old.indexOf(sameLine[0] as string), 1);
      now.splice(now.indexOf(version), 1);
    }
    if (old.length === 1 && now.length === 1) {
      changed.push(describeChange(name, old[0] as string, now[0] as string));
      continue;
    }
    for (const version of old) removed.push({ name, version });
    for (const version of now) added.push({ name, version });
  }
  return { added: added.sort(byName), removed: removed.sort(byName), changed: changed.sort(byName) };
}

/** Nothing before: every package is added, each name and version once, by name (as the general path orders them). */
function everyPackageOnce(packages: readonly PackageRef[]): PackageRef[] {
  const seen = new Set<string>();
  const added: PackageRef[] = [];
  for (let index = 0; index < packages.length; index++) {
    const { name, version } = packages[index] as PackageRef;
    const key = `${name} ${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    added.push({ name, version });
  }
  return added.sort(byName);
}

/** Package lists are ordered by name (stable: versions of one name keep their order). */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function describeChange(name: string, from: string, to: string): PackageChange {
  const a = coerce(from, { includePrerelease: true });
  const b = coerce(to, { includePrerelease: true });
  const order = a && b ? compare(valid(from) ?? a, valid(to) ?? b) : from < to ? -1 : 1;
  return { name, from, to, direction: order <= 0 ? 'upgrade' : 'downgrade', major: compatibilityLine(from) !== compatibilityLine(to) };
}
