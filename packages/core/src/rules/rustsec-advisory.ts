import { bundledAdvisories } from '../advisories/bundled.js';
import { isAffected } from '../advisories/match.js';
import type { Advisory } from '../advisories/types.js';
import type { Severity } from '../findings/types.js';
import { REPLACEMENT_HINTS } from '../knowledge/discouraged.js';
import { runtimeStackCrates } from '../knowledge/runtime-stack.js';
import type { AdvisoryPolicy } from '../policy/schema.js';
import type { AnalysisContext, FindingDraft } from './context.js';
import { andList, orList } from './context.js';
import type { Rule } from './rule.js';

/** The advisory settings without a `[advisories]` table. */
export const DEFAULT_ADVISORY_POLICY: AdvisoryPolicy = Object.freeze({
  scope: 'all',
  vulnerabilities: false,
  severity: Object.freeze({}),
  ignore: Object.freeze([]),
});

/** The page of an advisory on rustsec.org. */
export function advisoryUrl(id: string): string {
  return `https://rustsec.org/advisories/${id}`;
}

/**
 * A crates.io package a RustSec advisory affects. Informational advisories (unmaintained, unsound,
 * notice) about the async runtime and web stack are warnings, the others notices; vulnerabilities only
 * when the policy asks (cargo-audit and cargo-deny are the tools for a security audit).
 */
export const rustsecAdvisory: Rule = {
  id: 'rustsec-advisory',
  defaultSeverity: 'warning',
  summary: 'A crate version a RustSec advisory (unmaintained, unsound, notice; vulnerabilities on request) is about.',
  check(context: AnalysisContext): FindingDraft[] {
    const settings = context.policy.advisories ?? DEFAULT_ADVISORY_POLICY;
    if (settings.scope === 'off') return [];
    const database = context.advisories ?? bundledAdvisories();
    const stack = runtimeStackCrates();
    const drafts: FindingDraft[] = [];
    // Without vulnerabilities the bundled snapshot never reads their rows (two thirds of it).
    const query = { vulnerabilities: settings.vulnerabilities };
    // forEach, not for-of: the entries' arrays and iterator results would be allocated per crate.
    context.graph.byName.forEach((all, crate) => {
      const advisories = database.advisoriesFor(crate, query);
      if (advisories.length === 0) return;
      // RustSec speaks about crates.io packages only: a git fork or another registry's crate may differ.
      const nodes = all.filter((node) => {
        const source = context.packageAt(node).source;
        return source !== undefined && source.kind !== 'git' && source.isCratesIo;
      });
      if (nodes.length === 0) return;
      const inStack = stack.has(crate);
      if (settings.scope === 'runtime' && !inStack) return;
      for (const advisory of advisories) {
        if (advisory.kind === 'vulnerability' && !settings.vulnerabilities) continue;
        const affected = nodes.filter((node) => isAffected(advisory, context.packageAt(node).version));
        const first = affected[0];
        if (first === undefined) continue;
        const override = settings.severity[advisory.id] ?? settings.severity[crate] ?? settings.severity[advisory.kind];
        if (override === 'off') continue;
        const ignored = settings.ignore.find((entry) => entry.id === advisory.id && (!entry.expires || entry.expires >= context.today));
        const why = context.explain(first);
        const pkg = context.packageAt(first);
        const defaultSeverity: Severity | undefined = advisory.kind === 'vulnerability' || inStack ? undefined : 'notice';
        drafts.push({
          crate,
          version: pkg.version,
          node: first,
          message: messageFor(
            advisory,
            affected.map((node) => context.describe(node)),
          ),
          suggestion: suggestionFor(advisory),
          paths: [why.path],
          rootsReaching: why.rootsReaching,
          key: advisory.id,
          reference: advisoryUrl(advisory.id),
          subjects: affected,
          ...(override ? { severity: override } : defaultSeverity ? { atMost: defaultSeverity } : {}),
          ...(ignored ? { ignoredBy: { reason: ignored.reason, origin: ignored.origin } } : {}),
        });
      }
    });
    return drafts;
  },
};

/** Versions named in one message; the finding's subjects hold them all. */
const VERSIONS_NAMED = 3;

function messageFor(advisory: Advisory, packages: readonly string[]): string {
  const named =
    packages.length > VERSIONS_NAMED
      ? [...packages.slice(0, VERSIONS_NAMED), `${packages.length - VERSIONS_NAMED} more versions`]
      : packages;
  const limits = [
    ...(advisory.os.length ? [`os ${advisory.os.join(', ')}`] : []),
    ...(advisory.arch.length ? [`arch ${advisory.arch.join(', ')}`] : []),
  ];
  const only = limits.length ? ` Only on ${limits.join('; ')}.` : '';
  const title = advisory.title ? `: ${advisory.title.replace(/[.\s]+$/, '')}` : '';
  return `${andList(named)}: RustSec ${advisory.kind} advisory ${advisory.id} (${advisory.date})${title}.${only}`;
}

function suggestionFor(advisory: Advisory): string {
  if (advisory.patched.length > 0) return `Upgrade to a patched version (${advisory.patched.join('; ')}).`;
  const instead = advisory.alternatives.length
    ? advisory.alternatives
    : (REPLACEMENT_HINTS.find((hint) => hint.crate === advisory.package)?.useInstead ?? []);
  return instead.length ? `Use ${orList(instead)} instead.` : 'Remove it, or replace what pulls it in.';
}
