import { adviceEdits } from '../advice/text.js';
import type { Finding } from '../findings/types.js';
import { type Audit, describeAdvisoryData } from './audit.js';
import { joinPath } from './path.js';
import { verdict } from './verdict.js';
import { showInvisible } from './visible.js';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI colours. The CLI turns them on for a TTY without `NO_COLOR`. Default false. */
  color?: boolean;
}

/** Dropped-edge warnings shown per lockfile; the JSON output has them all. */
const WARNINGS_SHOWN = 10;

const STYLES = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1 } as const;

/** Renders an audit for a terminal: verdict, then each finding with its why-path and advice. */
export function renderText(audit: Audit, options: TextOptions = {}): string {
  // Control, bidi and zero-width characters from a lockfile reach the terminal as visible escapes.
  const clean = showInvisible;
  const paint = (style: keyof typeof STYLES, text: string) => (options.color ? `\u001b[${STYLES[style]}m${text}\u001b[0m` : text);
  const severityLabel = (finding: Finding) =>
    paint(finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'blue', finding.severity.padEnd(7));
  const out: string[] = [];
  for (const { path, error } of audit.unreadable ?? []) {
    out.push(paint('bold', clean(path)), `  ${paint('red', 'could not be read:')} ${clean(error.message)}`, '');
  }
  for (const { path, diff, warnings, baseError, policyFile, manifestWarnings } of audit.lockfiles) {
    const head = diff.head;
    const runtimes = head.runtimes.filter((runtime) => runtime.evidence === 'executor').map((runtime) => runtime.family);
    out.push(
      paint('bold', clean(path)),
      `  format v${head.lockfile.formatVersion}, ${head.lockfile.packageCount} packages, runtimes: ${runtimes.join(', ') || 'none'}${
        head.primaryRuntime ? ` (primary: ${head.primaryRuntime.family})` : ''
      }`,
    );
    if (policyFile !== undefined)
      out.push(`  ${paint('dim', `policy: ${policyFile === null ? 'none found, the defaults' : clean(policyFile)}`)}`);
    if (baseError) out.push(`  ${paint('yellow', 'base not compared:')} ${clean(baseError.message)}; every finding counts as new`);
    for (const warning of (warnings ?? []).slice(0, WARNINGS_SHOWN)) out.push(`  ${paint('yellow', 'note:')} ${clean(warning.message)}`);
    for (const warning of (manifestWarnings ?? []).slice(0, WARNINGS_SHOWN))
      out.push(`  ${paint('yellow', 'warning:')} ${clean(warning.message)}`);
    if ((warnings?.length ?? 0) > WARNINGS_SHOWN)
      out.push(`  ${paint('dim', `…and ${(warnings?.length ?? 0) - WARNINGS_SHOWN} more dropped dependency strings`)}`);
    if (head.primaryRuntime) out.push(`  ${paint('dim', `primary: ${clean(head.primaryRuntime.explanation)}`)}`);
    // Introduced findings in full; resolved and unchanged ones a line each.
    const groups: [string, readonly Finding[], boolean][] =
      audit.mode === 'diff'
        ? [
            ['introduced', diff.findings.introduced, true],
            ['resolved', diff.findings.resolved, false],
            ['unchanged', diff.findings.unchanged, false],
          ]
        : [['', head.findings, true]];
    for (const [label, findings, full] of groups) {
      if (findings.length === 0) continue;
      if (label) out.push(`  ${paint('dim', `${label}:`)}`);
      for (const finding of findings) {
        if (!full) {
          out.push(
            `  ${severityLabel(finding)} ${paint('dim', finding.rule.padEnd(27))} ${clean(`${finding.crate} ${finding.version}`)}: ${clean(finding.message)}`,
          );
          continue;
        }
        out.push(`  ${severityLabel(finding)} ${paint('dim', finding.rule.padEnd(27))} ${clean(finding.message)}`);
        finding.paths.forEach((path, index) => {
          const shown = joinPath(path, (step) => `${step.name} ${step.version}`, undefined, finding.pathLengths?.[index]);
          if (path.length > 0) out.push(`  ${' '.repeat(36)} ${paint('dim', 'via')} ${clean(shown)}`);
        });
        out.push(`  ${' '.repeat(36)} ${paint('green', '→')} ${clean(finding.suggestion)}`);
        if (finding.reference) out.push(`  ${' '.repeat(36)} ${paint('dim', 'see')} ${clean(finding.reference)}`);
        for (const edit of adviceEdits(finding.advice ?? [])) {
          out.push(`  ${' '.repeat(36)} ${paint('dim', `in ${clean(edit.file)}, line ${edit.line}:`)}`);
          for (const line of edit.before.split('\n')) out.push(`  ${' '.repeat(36)} ${paint('red', `- ${clean(line)}`)}`);
          for (const line of edit.after.split('\n')) out.push(`  ${' '.repeat(36)} ${paint('green', `+ ${clean(line)}`)}`);
        }
        for (const related of finding.related) {
          out.push(
            `  ${' '.repeat(36)} ${paint('dim', related.relation === 'same-cause' ? 'with' : 'behind it')} ${clean(`${related.crate} ${related.version}`)} (${related.rule}, line ${related.line}): ${clean(related.message)}`,
          );
        }
      }
    }
    out.push('');
  }
  if (audit.advisoryData) out.push(paint('dim', `advisory data: ${describeAdvisoryData(audit.advisoryData)}`));
  out.push(clean(verdict(audit)));
  return `${out.join('\n')}\n`;
}
