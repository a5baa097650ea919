import type { Severity } from '../findings/types.js';
import { DOCS_BASE_URL, docsUrlFor } from '../findings/types.js';
import { RULES } from '../rules/index.js';
import { type Audit, countedFindings } from './audit.js';
import { joinPath } from './path.js';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning: one result per finding that counts (introduced in diff mode),
 * located at the package's line in its Cargo.lock, with the fingerprint as a partial fingerprint.
 */
export function renderSarif(audit: Audit, toolVersion = '0.1.0'): string {
  // Grouped findings are kept each, at their own line, so annotations land on every crate.
  const results = audit.lockfiles.flatMap(({ path, diff }) =>
    countedFindings(audit, diff)
      .flatMap((top) => [top, ...top.related])
      .map((finding) => ({
        ruleId: finding.rule,
        ruleIndex: RULES.findIndex((rule) => rule.id === finding.rule),
        level: LEVELS[finding.severity],
        message: {
          text: `${finding.message} ${finding.suggestion}${
            finding.paths[0]?.length
              ? ` Why: ${joinPath(finding.paths[0], (step) => `${step.name} ${step.version}`, undefined, finding.pathLengths?.[0])}.`
              : ''
          }`,
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(path) }, region: { startLine: Math.max(1, finding.line) } } }],
        partialFingerprints: { 'runtimeGuard/v1': finding.fingerprint },
      })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runtime-guard',
            version: toolVersion,
            informationUri: audit.docsBaseUrl ?? DOCS_BASE_URL,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrlFor(rule.id, audit.docsBaseUrl),
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        results,
        // A lockfile that could not be read is a failure of the run, not a finding: SARIF's place for it
        // is a tool execution notification, located at the line of the error.
        invocations: [
          {
            executionSuccessful: (audit.unreadable ?? []).length === 0,
            toolExecutionNotifications: [
              ...(audit.unreadable ?? []).map(({ path, error }) => notification('error', error.message, path, error.line)),
              ...audit.lockfiles.flatMap(({ path, baseError, warnings, manifestWarnings }) => [
                ...(baseError ? [notification('warning', `the base could not be compared: ${baseError.message}`, path, undefined)] : []),
                ...(warnings ?? []).map((warning) => notification('note', warning.message, path, warning.line)),
                ...(manifestWarnings ?? []).map((warning) => notification('warning', warning.message, path, undefined)),
              ]),
            ],
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function notification(level: 'error' | 'warning' | 'note', text: string, path: string, line: number | undefined) {
  return {
    level,
    message: { text },
    locations: [
      { physicalLocation: { artifactLocation: { uri: toUri(path) }, ...(line && line > 0 ? { region: { startLine: line } } : {}) } },
    ],
  };
}

/** A lockfile path as a relative URI reference: `/`-separated, each segment percent-encoded (spaces, brackets, `#`). */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
