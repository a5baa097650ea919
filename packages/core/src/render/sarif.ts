import type { Severity } from '../findings/types.js';
import { docsUrlFor } from '../findings/types.js';
import { RULES } from '../rules/index.js';
import { type Audit, countedFindings } from './audit.js';

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
            finding.paths[0]?.length ? ` Why: ${finding.paths[0].map((step) => `${step.name} ${step.version}`).join(' → ')}.` : ''
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
            informationUri: 'https://www.npmjs.com/package/@runtime-guard/core',
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrlFor(rule.id),
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A lockfile path as a relative URI reference: `/`-separated, each segment percent-encoded (spaces, brackets, `#`). */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
