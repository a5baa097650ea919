/**
 * @runtime-guard/core — parse Cargo.lock files, build the dependency graph and explain why a crate
 * is there. Pure functions over plain data: no file system, network or process access.
 *
 * @packageDocumentation
 */

export { declarationSite, type EditFallback, type ManifestEdit, manifestEdit } from './advice/edit.js';
export {
  adviseRuntimeRemoval,
  type DeclaredVia,
  type FeatureSwitch,
  featureSwitch,
  MAX_DECLARED_VIA,
  type RuntimeAdvice,
  runtimeReplacementFor,
  runtimeSwitchFor,
  withManifestEdits,
} from './advice/runtime.js';
export { adviceCodeWords, adviceEdits, describeAdvice, describeAdviceList, describeSwitch, MAX_ADVICE_IN_TEXT } from './advice/text.js';
export { bundledAdvisories } from './advisories/bundled.js';
export type { AdvisoryDatabase, AdvisoryQuery } from './advisories/database.js';
export { AdvisoryDataError } from './advisories/errors.js';
export { isAffected } from './advisories/match.js';
export { type AdvisoryFile, parseAdvisoryFile } from './advisories/parse.js';
export { readAdvisoryDatabase } from './advisories/read.js';
export type { Advisory, AdvisoryKind, AdvisorySource } from './advisories/types.js';
export {
  type AnalyzeOptions,
  analyze,
  type ReachLists,
  type Report,
  type ReportScope,
  type ScopedCrate,
  type SuppressedFinding,
} from './analyze.js';
export { type AuditOptions, auditLockfiles, combineAudits, type FailOn, findingsAtOrAbove, type LockfileInput } from './audit.js';
export { diffReports, type FindingStatus, type LockfileDiff, type PackageChange } from './diff.js';
export { DOCS_BASE_URL, type Finding, type PathStep, type RuleId, SEVERITIES, type Severity } from './findings/types.js';
export { gitRefProblem } from './git-ref.js';
export { buildGraph, type Graph } from './graph/build.js';
export { type CrateReach, computeReach, type MemberReach, REACH_CLASSES, type ReachClass, type WorkspaceReach } from './graph/reach.js';
export { type WhyPathsOptions, type WhyResult, whyNode, whyPaths } from './graph/why.js';
export { DISCOURAGED_CRATES, REPLACEMENT_HINTS } from './knowledge/discouraged.js';
export { FRAMEWORKS } from './knowledge/frameworks.js';
export {
  EXTRA_RUNTIME_STACK_CRATES,
  type RuntimeStackCrate,
  type RuntimeStackRole,
  runtimeStackCrates,
} from './knowledge/runtime-stack.js';
export { RUNTIME_AGNOSTIC_CRATES, RUNTIME_FAMILIES } from './knowledge/runtimes.js';
export { RUNTIME_REPLACEMENTS, RUNTIME_SWITCHES } from './knowledge/switches.js';
export type {
  DiscouragedCrate,
  Framework,
  FrameworkKind,
  ReplacementHint,
  ReplacementTarget,
  RuntimeFamily,
  RuntimeFamilyId,
  RuntimeNeed,
  RuntimeReplacement,
  RuntimeSwitch,
} from './knowledge/types.js';
export { decodeLockfile, invalidUtf8Offset } from './lockfile/decode.js';
export { formatLocation, LockfileError, type LockfileErrorCode, type SourceLocation } from './lockfile/errors.js';
export { DEFAULT_MAX_LOCKFILE_BYTES, type ParseLockfileOptions, parseLockfile } from './lockfile/parse.js';
export { type GitReference, parseSource, type Source, type SourceKind } from './lockfile/source.js';
export {
  type DroppedDependencyReason,
  type Lockfile,
  type LockfileFormat,
  type LockfileWarning,
  type Package,
  type PackageId,
  packageId,
  type UnusedPatch,
} from './lockfile/types.js';
export { ManifestError } from './manifest/errors.js';
export { type ParsedManifest, parseManifest } from './manifest/parse.js';
export { globBase, globMatcher, manifestsMatching, normalizePath } from './manifest/paths.js';
export type { Dependency, DependencyKind, ManifestProblem, PackageManifest, Workspace } from './manifest/types.js';
export { type ManifestReferences, type ManifestTexts, manifestReferences, readWorkspace } from './manifest/workspace.js';
export { decodePolicy } from './policy/decode.js';
export { defaultPolicy } from './policy/defaults.js';
export { PolicyError } from './policy/errors.js';
export { policyJsonSchema } from './policy/json-schema.js';
export { loadPolicy } from './policy/load.js';
export {
  type AdvisoryIgnore,
  type AdvisoryPolicy,
  type AllowException,
  type Policy,
  type PolicyDiscouragedCrate,
  type PolicyScope,
  policyFileSchema,
  RULE_IDS,
  RUNTIME_FAMILY_IDS,
} from './policy/schema.js';
export {
  type AdvisoryDataNote,
  type Audit,
  type AuditedLockfile,
  countedFindings,
  describeAdvisoryData,
  type LockfileProblem,
  STALE_AFTER_DAYS,
  type UnreadableLockfile,
} from './render/audit.js';
export { codeBlock, codeSpan, diffLines, escapeMarkdown, escapeMarkdownWithCode } from './render/escape.js';
export { JSON_SCHEMA_VERSION, type JsonFinding, type JsonReport, type JsonRuntimeCrate, renderJson, toJsonReport } from './render/json.js';
export { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, GITHUB_SUMMARY_LIMIT, type MarkdownOptions, renderMarkdown } from './render/markdown.js';
export { renderSarif } from './render/sarif.js';
export { renderSummary, type SummaryOptions } from './render/summary.js';
export { renderText, type TextOptions } from './render/text.js';
export { countBySeverity, currentFindings, verdict } from './render/verdict.js';
export { showInvisible } from './render/visible.js';
export type { FrameworkPresence, PrimaryRuntime, RuntimePresence } from './rules/context.js';
export { RULES } from './rules/index.js';
export type { Rule } from './rules/rule.js';
export { advisoryUrl, DEFAULT_ADVISORY_POLICY } from './rules/rustsec-advisory.js';
