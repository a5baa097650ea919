import type { AdvisoryDatabase } from './advisories/database.js';
import { boundPaths } from './findings/bounds.js';
import { groupFindings, type UngroupedFinding } from './findings/group.js';
import { docsUrlFor, type Finding, type RuleId, SEVERITIES } from './findings/types.js';
import type { Graph } from './graph/build.js';
import type { MemberReach } from './graph/reach.js';
import { isoDayOf } from './iso-day.js';
import type { RuntimeFamilyId } from './knowledge/types.js';
import type { LockfileFormat } from './lockfile/types.js';
import type { ManifestProblem, Workspace } from './manifest/types.js';
import { defaultPolicy } from './policy/defaults.js';
import type { AllowException, Policy } from './policy/schema.js';
import { type AnalysisContext, buildContext, type FrameworkPresence, type PrimaryRuntime, type RuntimePresence } from './rules/context.js';
import { RULES } from './rules/index.js';
import { versionInRange } from './rules/versions.js';

/** A finding an `[[allow]]` exception kept out of the report, and the exception that did it. */
export interface SuppressedFinding {
  readonly rule: RuleId;
  readonly crate: string;
  readonly version: string;
  readonly fingerprint: string;
  readonly reason: string;
  readonly origin: string;
}

/** What one lockfile holds, judged against a policy. Plain data. */
export interface Report {
  readonly lockfile: {
    readonly fileName?: string;
    readonly formatVersion: LockfileFormat;
    readonly packageCount: number;
    /** Workspace members and path packages, as `name version`. */
    readonly roots: readonly string[];
  };
  readonly primaryRuntime?: PrimaryRuntime;
  readonly runtimes: readonly RuntimePresence[];
  readonly frameworks: readonly FrameworkPresence[];
  /** Most serious first, then in rule order. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /**
   * Present when the workspace's manifests were read: how members reach each runtime crate, and the
   * manifest problems met (each a warning; the verdicts fall back to the lockfile where they matter).
   */
  readonly scope?: ReportScope;
  /** Every package as `name` and `version`, for diffs (left out of the JSON output). */
  readonly packages: readonly { readonly name: string; readonly version: string }[];
}

/** Members per reach class of one runtime crate, each list sorted. */
export interface ReachLists {
  readonly normal: readonly string[];
  readonly target: readonly string[];
  readonly build: readonly string[];
  readonly dev: readonly string[];
  readonly optional: readonly string[];
}

/** One runtime crate's reach in a {@link ReportScope}. */
export interface ScopedCrate {
  readonly name: string;
  readonly version: string;
  readonly reach: ReachLists;
  /** Per member and class: the cfgs, the member's features, and for indirect ways the registry crates on the way. */
  readonly ways: readonly MemberReach[];
  /** `cargo build` at the root reaches it in a normal build. */
  readonly defaultBuild: boolean;
}

/** What the manifests say about the runtime crates of a report. */
export interface ReportScope {
  readonly crates: readonly ScopedCrate[];
  readonly problems: readonly ManifestProblem[];
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** The day exceptions are judged against (`Date` or `YYYY-MM-DD`). Default: today. */
  today?: Date | string;
  /** In diff mode, the base report's primary runtime: it stays primary while it runs and is not discouraged. */
  basePrimary?: RuntimeFamilyId;
  /** The rules README the findings' `docsUrl` points into. Default: the core README (`DOCS_BASE_URL`). */
  docsBaseUrl?: string;
  /** RustSec advisory data (see `readAdvisoryDatabase`); default: the snapshot bundled with runtime-guard. */
  advisories?: AdvisoryDatabase;
  /** The workspace's manifests, read ({@link readWorkspace}): runtime findings then follow each member's build. */
  workspace?: Workspace;
}

/**
 * Judges a lockfile's graph against a policy: which runtimes and frameworks are there, and every
 * finding of every rule. Pure: the same graph, policy and day give the same report.
 *
 * @example
 * const report = analyze(buildGraph(parseLockfile(text)), loadPolicy(policyText, 'runtime-guard.toml'));
 * for (const finding of report.findings) console.log(finding.severity, finding.message);
 */
export function analyze(graph: Graph, policy: Policy = defaultPolicy, options: AnalyzeOptions = {}): Report {
  const today = toIsoDay(options.today ?? Date.now());
  const context = buildContext(graph, policy, today, {
    ...(options.basePrimary ? { basePrimary: options.basePrimary } : {}),
    ...(options.advisories ? { advisories: options.advisories } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
  const activeExceptions = policy.allow.filter((exception) => !exception.expires || exception.expires >= today);
  const findings: UngroupedFinding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const rule of RULES) {
    const configured = policy.severity[rule.id] ?? rule.defaultSeverity;
    if (configured === 'off') continue;
    for (const draft of rule.check(context)) {
      const capped = draft.atMost && SEVERITIES.indexOf(draft.atMost) > SEVERITIES.indexOf(configured) ? draft.atMost : configured;
      const severity = draft.severity ?? capped;
      const fingerprint = `${rule.id}:${draft.key}`;
      const exception = draft.ignoredBy ?? coveringException(activeExceptions, rule.id, draft.subjects, context);
      if (exception) {
        suppressed.push({
          rule: rule.id,
          crate: draft.crate,
          version: draft.version,
          fingerprint,
          reason: exception.reason,
          origin: exception.origin,
        });
        continue;
      }
      findings.push({
        subjects: draft.subjects,
        involves: draft.involves ?? draft.subjects,
        finding: {
          rule: rule.id,
          severity,
          crate: draft.crate,
          version: draft.version,
          line: draft.node >= 0 ? context.packageAt(draft.node).line : 0,
          message: draft.message,
          suggestion: draft.suggestion,
          ...(draft.advice ? { advice: draft.advice } : {}),
          ...boundPaths(draft.paths),
          rootsReaching: draft.rootsReaching,
          fingerprint,
          ...(draft.lockfileKey !== undefined && draft.lockfileKey !== draft.key
            ? { lockfileFingerprint: `${rule.id}:${draft.lockfileKey}` }
            : {}),
          docsUrl: docsUrlFor(rule.id, options.docsBaseUrl),
          ...(draft.reference ? { reference: draft.reference } : {}),
        },
      });
    }
  }
  // Stable: most serious first, rule order within a severity; then one finding per root cause.
  findings.sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity));
  const grouped = groupFindings(findings, graph);

  const lockfile = graph.lockfile;
  return {
    lockfile: {
      ...(lockfile.fileName !== undefined ? { fileName: lockfile.fileName } : {}),
      formatVersion: lockfile.formatVersion,
      packageCount: graph.packages.length,
      roots: graph.roots.map((node) => `${context.packageAt(node).name} ${context.packageAt(node).version}`),
    },
    ...(context.primary ? { primaryRuntime: context.primary } : {}),
    runtimes: context.runtimes,
    frameworks: context.frameworks.map(({ node: _node, entry: _entry, ...presence }) => presence),
    findings: grouped,
    suppressed,
    ...(context.reach && options.workspace ? { scope: reportScope(context, options.workspace) } : {}),
    packages: graph.packages.map((pkg) => ({ name: pkg.name, version: pkg.version })),
  };
}

/** The first exception that covers every subject of a finding, if any (a finding without subjects is never excused). */
function coveringException(
  exceptions: readonly AllowException[],
  rule: RuleId,
  subjects: readonly number[],
  context: AnalysisContext,
): AllowException | undefined {
  if (subjects.length === 0) return undefined;
  return exceptions.find(
    (exception) =>
      (!exception.rules || exception.rules.includes(rule)) &&
      subjects.every((node) => {
        const pkg = context.packageAt(node);
        if (pkg.name !== exception.crate || !versionInRange(pkg.version, exception.versions)) return false;
        if (!exception.via) return true;
        // Like cargo-deny's wrappers: allowed only when every direct dependent is one of `via`.
        const dependents = context.graph.dependents[node] ?? [];
        return dependents.length > 0 && dependents.every((parent) => exception.via?.includes(context.packageAt(parent).name));
      }),
  );
}

function reportScope(context: AnalysisContext, workspace: Workspace): ReportScope {
  const crates = [...(context.reach?.crates.values() ?? [])].map((crate): ScopedCrate => {
    const pkg = context.packageAt(crate.node);
    return {
      name: pkg.name,
      version: pkg.version,
      reach: { normal: crate.normal, target: crate.target, build: crate.build, dev: crate.dev, optional: crate.optional },
      ways: crate.members,
      defaultBuild: crate.defaultBuild,
    };
  });
  return { crates, problems: [...workspace.problems, ...(context.reach?.problems ?? [])] };
}

function toIsoDay(day: Date | string | number): string {
  return typeof day === 'string' ? day : isoDayOf(typeof day === 'number' ? day : day.getTime());
}
