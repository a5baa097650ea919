import { adviceCodeWords, adviceEdits } from '../advice/text.js';
import { DOCS_BASE_URL, type Finding, type PathStep } from '../findings/types.js';
import { type Audit, countedFindings, describeAdvisoryData } from './audit.js';
import { codeBlock, codeSpan, diffLines, escapeMarkdown, escapeMarkdownWithCode } from './escape.js';
import { joinPath } from './path.js';
import { countBySeverity, currentFindings, verdict } from './verdict.js';

/** GitHub refuses issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** GitHub's limit for a step's job summary: 1 MiB. */
export const GITHUB_SUMMARY_LIMIT = 1024 * 1024;

/** The hidden marker that starts every runtime-guard comment, so the Action finds its own comment. */
export const COMMENT_MARKER = '<!-- runtime-guard -->';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Longest output allowed, in characters; least important sections are cut first. Default 65,536. */
  maxLength?: number;
  /** Start with the hidden marker (for PR comments). Default true. */
  marker?: boolean;
  /** Show unchanged findings and package changes open rather than collapsed. Default false. */
  expanded?: boolean;
  /**
   * Where the reader finds what was left out to fit, said after the list of what was left out.
   * Default: "The job summary and the JSON output have everything." (right for a pull-request comment).
   */
  rest?: string;
}

const ICONS = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/**
 * Renders an audit as GitHub Markdown for a pull-request comment: hidden marker, one-line verdict,
 * introduced findings with why-paths and advice, resolved ones, then a collapsed section with
 * unchanged findings and package changes. Everything from a lockfile is escaped. Never longer than
 * `maxLength`: package changes go first, then unchanged, resolved and finally introduced findings,
 * and a line says how many items were left out.
 */
export function renderMarkdown(audit: Audit, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const sections = buildSections(audit);
  const counts = sections.map((section) => section.items.length);
  // The same in every attempt to fit: built once (the verdict and the counts read every finding).
  const fixed = { head: documentHead(audit, options, sections), findingCounts: countBySeverity(currentFindings(audit)) };
  const assemble = (): string => assembleDocument(audit, options, sections, counts, fixed);
  // Cut from the least important section up, keeping as many items of each as fit.
  for (let index = sections.length - 1; index >= 0 && assemble().length > maxLength; index--) {
    let low = 0;
    let high = counts[index] as number;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      counts[index] = middle;
      if (assemble().length <= maxLength) low = middle;
      else high = middle - 1;
    }
    counts[index] = low;
  }
  const document = assemble();
  // Headings alone too long (thousands of lockfiles): a hard cut is the last resort.
  return document.length <= maxLength ? document : `${document.slice(0, maxLength - 40)}\n\n…(cut to fit GitHub's limit)\n`;
}

interface Section {
  readonly id: 'introduced' | 'resolved' | 'unchanged' | 'packages';
  /** Rendered items, each with the lockfile heading it belongs under. */
  readonly items: readonly { readonly lockfile: string; readonly text: string }[];
}

function buildSections(audit: Audit): Section[] {
  const multi = audit.lockfiles.length > 1;
  const heading = (path: string) => (multi ? codeSpan(path) : '');
  const collect = (pick: (lockfile: Audit['lockfiles'][number]) => string[]) =>
    audit.lockfiles.flatMap((lockfile) => pick(lockfile).map((text) => ({ lockfile: heading(lockfile.path), text })));
  return [
    {
      id: 'introduced',
      items: collect((lockfile) => countedFindings(audit, lockfile.diff).map((finding) => findingBlock(finding, lockfile.path))),
    },
    { id: 'resolved', items: audit.mode === 'diff' ? collect((lockfile) => lockfile.diff.findings.resolved.map(findingLine)) : [] },
    {
      id: 'unchanged',
      items:
        audit.mode === 'diff'
          ? collect((lockfile) => lockfile.diff.findings.unchanged.map((finding) => withEdits(findingLine(finding), finding)))
          : [],
    },
    { id: 'packages', items: audit.mode === 'diff' ? collect((lockfile) => packageLines(lockfile.diff)) : [] },
  ];
}

/** The comment's first lines: marker, title, verdict, then the lockfiles and inputs that could not be read. */
function documentHead(audit: Audit, options: MarkdownOptions, sections: readonly Section[]): string[] {
  const out: string[] = [];
  if (options.marker ?? true) {
    out.push(COMMENT_MARKER);
  }
  const failing = (sections[0] as Section).items.length > 0;
  const unreadable = audit.unreadable ?? [];
  out.push('## runtime-guard', '', `${failing || unreadable.length > 0 ? '🚨' : '✅'} **${escapeMarkdown(verdict(audit))}**`, '');
  out.push(...inputProblems(audit));
  return out;
}

function assembleDocument(
  audit: Audit,
  options: MarkdownOptions,
  sections: readonly Section[],
  counts: readonly number[],
  fixed: { readonly head: readonly string[]; readonly findingCounts: string },
): string {
  const out: string[] = [...fixed.head];
  const current = sections[0] as Section;
  const left: string[] = [];
  const shown = (index: number) => (sections[index] as Section).items.slice(0, counts[index]);
  const grouped = (items: readonly { lockfile: string; text: string }[], separator?: string) => {
    const lines: string[] = [];
    let lastHeading: string | undefined;
    for (const item of items) {
      if (item.lockfile && item.lockfile !== lastHeading) lines.push(`**${item.lockfile}**`, '');
      lastHeading = item.lockfile;
      lines.push(item.text);
      if (separator !== undefined) lines.push(separator);
    }
    return lines;
  };
  sections.forEach((section, index) => {
    const dropped = section.items.length - (counts[index] as number);
    if (dropped > 0) left.push(`${dropped} ${section.id === 'packages' ? 'package changes' : `${section.id} findings`}`);
  });

  const introduced = shown(0);
  if (current.items.length > 0) {
    out.push(`### ${audit.mode === 'diff' ? 'Introduced' : 'Findings'}: ${fixed.findingCounts}`, '', ...grouped(introduced, ''));
  }
  const resolved = shown(1);
  if (resolved.length > 0) out.push(`### Resolved (${(sections[1] as Section).items.length})`, '', ...grouped(resolved), '');
  const unchanged = shown(2);
  const packages = shown(3);
  if (unchanged.length > 0 || packages.length > 0) {
    out.push(
      `<details${options.expanded ? ' open' : ''}><summary>Unchanged findings (${(sections[2] as Section).items.length}) and package changes (${(sections[3] as Section).items.length})</summary>`,
      '',
    );
    if (unchanged.length > 0) out.push('#### Unchanged findings', '', ...grouped(unchanged), '');
    if (packages.length > 0) out.push('#### Package changes', '', ...grouped(packages), '');
    out.push('</details>', '');
  }
  if (audit.mode === 'diff' && current.items.length === 0 && resolved.length === 0) {
    out.push('Nothing introduced: no second runtime, no runtime split, no discouraged crate.', '');
  }
  if (left.length > 0)
    out.push(
      `> Left out to fit GitHub's size limit: ${left.join(', ')}. ${options.rest ?? 'The job summary and the JSON output have everything.'}`,
      '',
    );
  const policy = policyNote(audit);
  const data = audit.advisoryData ? ` · advisory data: ${escapeMarkdown(describeAdvisoryData(audit.advisoryData))}` : '';
  out.push(
    `<sub>[runtime-guard](${audit.docsBaseUrl ?? DOCS_BASE_URL})${policy ? ` · ${policy}` : ''} · rules: see the docs links${data}</sub>`,
    '',
  );
  return out.join('\n');
}

/** Policies named per lockfile in the footer, at most this many. */
const POLICIES_SHOWN = 3;

/** Which policy file the lockfiles were judged by (one line), or nothing when the caller did not say. */
function policyNote(audit: Audit): string | undefined {
  const files = [...new Set(audit.lockfiles.flatMap(({ policyFile }) => (policyFile === undefined ? [] : [policyFile])))];
  if (files.length === 0) return undefined;
  const name = (file: string | null) => (file === null ? 'none found (the defaults)' : codeSpan(file));
  if (files.length === 1) return `policy: ${name(files[0] as string | null)}`;
  const shown = files.slice(0, POLICIES_SHOWN).map(name).join(', ');
  return `policies: ${shown}${files.length > POLICIES_SHOWN ? ` and ${files.length - POLICIES_SHOWN} more` : ''} (per lockfile)`;
}

/** Dropped-edge notes shown per lockfile in a comment; the JSON output has them all. */
const WARNINGS_SHOWN = 5;

/** Lockfiles that could not be read, bases that could not be compared and dropped edges: never cut. */
function inputProblems(audit: Audit): string[] {
  const out: string[] = [];
  const unreadable = audit.unreadable ?? [];
  if (unreadable.length > 0) {
    out.push(`### Could not be read (${unreadable.length})`, '');
    for (const { path, error } of unreadable) {
      out.push(`- ❌ ${codeSpan(path)}${error.line ? ` line ${error.line}` : ''}: ${escapeMarkdown(error.message)}`);
    }
    out.push('');
  }
  const notes: string[] = [];
  for (const { path, baseError, warnings, manifestWarnings } of audit.lockfiles) {
    if (baseError) {
      notes.push(
        `- ⚠️ ${codeSpan(path)}: the base could not be read, so nothing was compared and every finding counts as new: ${escapeMarkdown(baseError.message)}`,
      );
    }
    for (const warning of (warnings ?? []).slice(0, WARNINGS_SHOWN)) notes.push(`- ℹ️ ${escapeMarkdown(warning.message)}`);
    // Manifest text (file names, keys) is escaped like lockfile text.
    for (const warning of (manifestWarnings ?? []).slice(0, WARNINGS_SHOWN)) notes.push(`- ⚠️ ${escapeMarkdown(warning.message)}`);
    const more = (warnings?.length ?? 0) - WARNINGS_SHOWN;
    if (more > 0) notes.push(`- ℹ️ ${codeSpan(path)}: ${more} more dependency strings left out (see the JSON output)`);
  }
  if (notes.length > 0) out.push('### Notes on the input', '', ...notes, '');
  return out;
}

function pathChain(path: readonly PathStep[], length: number | undefined): string {
  return joinPath(path, (step) => codeSpan(`${step.name} ${step.version}`), undefined, length);
}

function findingBlock(finding: Finding, lockfilePath: string): string {
  const lines = [
    `#### ${ICONS[finding.severity]} ${finding.severity} · [${finding.rule}](${finding.docsUrl}) · ${codeSpan(`${finding.crate} ${finding.version}`)}`,
    '',
    escapeMarkdown(finding.message),
    '',
  ];
  finding.paths.forEach((path, index) => {
    if (path.length > 0)
      lines.push(
        `- Why ${codeSpan(path[path.length - 1]?.name ?? finding.crate)} is here: ${pathChain(path, finding.pathLengths?.[index])}`,
      );
  });
  const pathsLeftOut = (finding.pathCount ?? 0) - finding.paths.length;
  if (pathsLeftOut > 0) lines.push(`- …and ${pathsLeftOut} more paths`);
  if (finding.rootsReaching > 1) lines.push(`- Reached by ${finding.rootsReaching} workspace members`);
  lines.push(`- What to do: ${escapeMarkdownWithCode(finding.suggestion, adviceCodeWords(finding.advice ?? []))}`);
  if (finding.reference) lines.push(`- Source: ${referenceLink(finding.reference)}`);
  lines.push(...editLines(finding));
  if (finding.line > 0) lines.push(`- ${codeSpan(lockfilePath)} line ${finding.line}`);
  const sameCause = finding.related.filter((related) => related.relation === 'same-cause');
  const behind = finding.related.filter((related) => related.relation === 'reached-through');
  if (sameCause.length > 0) lines.push(`- Comes with it: ${relatedList(sameCause)}`);
  if (behind.length > 0) lines.push(`- Reached only through it: ${relatedList(behind)}`);
  return lines.join('\n');
}

/**
 * The finding's exact Cargo.toml edits, each as a diff block (a fence no manifest text can close), at
 * most {@link EDITS_SHOWN}: unchanged findings show them too, since a pull request may be the one to fix them.
 */
function editLines(finding: Finding): string[] {
  const edits = adviceEdits(finding.advice ?? []);
  const lines: string[] = [];
  for (const edit of edits.slice(0, EDITS_SHOWN)) {
    lines.push(`- The edit in ${codeSpan(edit.file)}, line ${edit.line}:`, '', codeBlock('diff', diffLines(edit.before, edit.after)), '');
  }
  if (edits.length > EDITS_SHOWN) lines.push(`- …and ${edits.length - EDITS_SHOWN} more edits (the JSON report's \`advice\` lists each)`);
  return lines;
}

function withEdits(line: string, finding: Finding): string {
  const edits = editLines(finding);
  return edits.length > 0 ? [line, ...edits].join('\n') : line;
}

/** Exact manifest edits shown per finding; the JSON report has every one. */
const EDITS_SHOWN = 5;

/** Related findings named under one finding in Markdown; the JSON and SARIF outputs keep them all. */
const RELATED_SHOWN = 20;

function relatedList(related: Finding['related']): string {
  const more = related.length - RELATED_SHOWN;
  return related
    .slice(0, RELATED_SHOWN)
    .map(
      (item) =>
        `${codeSpan(`${item.crate} ${item.version}`)} ([${item.rule}](${item.docsUrl})${item.line > 0 ? `, line ${item.line}` : ''})`,
    )
    .concat(more > 0 ? [`and ${more} more (all in the JSON and SARIF outputs)`] : [])
    .join(', ');
}

/** A link to a finding's reference: only rustsec.org advisory pages, which runtime-guard builds itself. */
function referenceLink(url: string): string {
  const id = /^https:\/\/rustsec\.org\/advisories\/(RUSTSEC-\d{4}-\d{4})$/.exec(url)?.[1];
  return id ? `[${id}](${url})` : codeSpan(url);
}

function findingLine(finding: Finding): string {
  return `- ${ICONS[finding.severity]} [${finding.rule}](${finding.docsUrl}) ${codeSpan(`${finding.crate} ${finding.version}`)}: ${escapeMarkdown(finding.message)}`;
}

function packageLines(diff: Audit['lockfiles'][number]['diff']): string[] {
  return [
    ...diff.runtimes.added.map((family) => `- ➕ runtime ${codeSpan(family)}`),
    ...diff.runtimes.removed.map((family) => `- ➖ runtime ${codeSpan(family)}`),
    ...diff.packages.added.map((pkg) => `- ➕ ${codeSpan(`${pkg.name} ${pkg.version}`)}`),
    ...diff.packages.removed.map((pkg) => `- ➖ ${codeSpan(`${pkg.name} ${pkg.version}`)}`),
    ...diff.packages.changed.map(
      (change) =>
        `- ${change.direction === 'upgrade' ? '⬆️' : '⬇️'} ${codeSpan(change.name)} ${codeSpan(change.from)} → ${codeSpan(change.to)}${change.major ? ' (major)' : ''}`,
    ),
  ];
}
