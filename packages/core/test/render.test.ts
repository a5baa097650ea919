import { readFileSync, writeFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

// ajv-draft-04 is CommonJS: its class is the default export under NodeNext types, the module under vitest.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass);
// ajv-formats likewise.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

import { describe, expect, it } from 'vitest';
import {
  type Audit,
  auditLockfiles,
  diffReports,
  findingsAtOrAbove,
  GITHUB_COMMENT_LIMIT,
  loadPolicy,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderSummary,
  renderText,
} from '../src/index.js';
import { FIXTURES, readFixture } from './support/fixtures.js';

const TODAY = '2026-11-24';
// UPDATE_GOLDEN=1 pnpm test rewrites the golden files; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === '1';
function golden(name: string, actual: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  if (update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const exampleDiff = (): Audit =>
  auditLockfiles(
    [{ path: 'Cargo.lock', head: readFixture('example-head.Cargo.lock'), base: readFixture('example-base.Cargo.lock') }],
    undefined,
    {
      today: TODAY,
    },
  );

describe('diffReports', () => {
  it('tells introduced, resolved and unchanged findings apart, and lists package changes', () => {
    const audit = auditLockfiles(
      [{ path: 'Cargo.lock', base: readFixture(FIXTURES.sqlxBeforeAxum), head: readFixture(FIXTURES.sqlxAfterAxum) }],
      undefined,
      { today: TODAY },
    );
    const diff = audit.lockfiles[0]?.diff;
    expect(diff?.findings.introduced.map((finding) => finding.fingerprint)).toEqual([]);
    expect(diff?.findings.unchanged.map((finding) => finding.fingerprint)).toContain('multiple-runtimes:async-std');
    expect(diff?.frameworks.added).toEqual(['axum 0.5.13', 'hyper 0.14.20']);
    expect(diff?.packages.changed.find((change) => change.name === 'tokio')).toEqual({
      name: 'tokio',
      from: '1.20.0',
      to: '1.20.1',
      direction: 'upgrade',
      major: false,
    });
    expect(diff?.packages.added.map((pkg) => pkg.name)).toContain('axum');
  });

  it('reads the move to tokio 1 as resolving the pre-1.0 findings (vaultwarden)', () => {
    const audit = auditLockfiles(
      [{ path: 'Cargo.lock', base: readFixture(FIXTURES.vaultwardenTokioSplit), head: readFixture(FIXTURES.vaultwardenV3) }],
      undefined,
      { today: TODAY },
    );
    const diff = audit.lockfiles[0]?.diff;
    // The split is resolved with everything that came with it.
    expect(diff?.findings.resolved.map((finding) => finding.fingerprint)).toEqual([
      'runtime-version-split:tokio:0.2',
      'rustsec-advisory:RUSTSEC-2025-0124',
      'rustsec-advisory:RUSTSEC-2022-0104',
    ]);
    // With it go the advisories of the tokio 0.2 stack (tokio-tls's among them).
    expect(diff?.findings.resolved[0]?.related.map((finding) => finding.fingerprint)).toEqual(
      expect.arrayContaining(['discouraged-crate:tokio@0.2', 'discouraged-crate:hyper@0.13', 'rustsec-advisory:RUSTSEC-2026-0053']),
    );
    // Only what is new counts: cpuid-bool's unmaintained notice came with the upgrade.
    expect(diff?.findings.introduced.map((finding) => [finding.fingerprint, finding.severity])).toEqual([
      ['rustsec-advisory:RUSTSEC-2021-0064', 'notice'],
    ]);
    expect(diff?.packages.changed.find((change) => change.name === 'tokio')).toMatchObject({ from: '1.1.1', to: '1.2.0', major: false });
  });

  it('treats a missing base as empty', () => {
    const head = auditLockfiles([{ path: 'Cargo.lock', head: readFixture('example-head.Cargo.lock') }], undefined, { today: TODAY })
      .lockfiles[0]?.diff.head;
    if (!head) throw new Error('no report');
    const diff = diffReports(undefined, head);
    expect(diff.findings.introduced).toHaveLength(head.findings.length);
    expect(diff.packages.added).toHaveLength(140);
    expect(diff.runtimes.added).toEqual(['tokio', 'async-std']);
  });

  it('lists every package of a new lockfile as the general comparison does (several versions of a name too)', () => {
    const head = auditLockfiles([{ path: 'Cargo.lock', head: readFixture(FIXTURES.denoLarge) }], undefined, { today: TODAY }).lockfiles[0]
      ?.diff.head;
    if (!head) throw new Error('no report');
    // A base holding one package the head does not have takes the general path: everything else is added.
    const general = diffReports({ ...head, packages: [{ name: 'not-in-head', version: '0.0.0' }] }, head).packages;
    expect(general.removed).toEqual([{ name: 'not-in-head', version: '0.0.0' }]);
    expect(diffReports(undefined, head).packages).toEqual({ added: general.added, removed: [], changed: [] });
    expect(general.added.length).toBeGreaterThan(new Set(general.added.map((pkg) => pkg.name)).size);
  });

  it('diffs several lockfiles independently and counts what is at or above the threshold', () => {
    const audit = auditLockfiles(
      [
        { path: 'Cargo.lock', head: readFixture('example-head.Cargo.lock'), base: readFixture('example-base.Cargo.lock') },
        { path: 'tools/Cargo.lock', head: readFixture(FIXTURES.vaultwardenV3), base: null },
      ],
      loadPolicy('[severity]\ndiscouraged-crate = "notice"\n'),
      { today: TODAY },
    );
    expect(audit.mode).toBe('diff');
    expect(findingsAtOrAbove(audit, 'error').map((finding) => finding.rule)).toEqual(['multiple-runtimes']);
    // async-std's advisory is grouped with its multiple-runtimes error; vaultwarden v3 is new, so its
    // findings count: 3 warnings and 12 advisory notices about crates outside the runtime stack.
    expect(findingsAtOrAbove(audit, 'warning')).toHaveLength(4);
    expect(findingsAtOrAbove(audit, 'notice')).toHaveLength(16);
    expect(findingsAtOrAbove(audit, 'never')).toEqual([]);
  });
});

describe('renderers (golden files)', () => {
  it('renders the example pull request as a comment', () => golden('example-diff.comment.md', renderMarkdown(exampleDiff())));
  it('renders the example as a job summary', () => golden('example-diff.summary.md', renderSummary(exampleDiff())));
  it('renders the example for a terminal', () => golden('example-diff.txt', renderText(exampleDiff())));
  it('renders the example as JSON', () => golden('example-diff.json', renderJson(exampleDiff())));
  it('renders the example as SARIF', () => golden('example-diff.sarif', renderSarif(exampleDiff())));
  it('renders a full audit of vaultwarden for a terminal', () =>
    golden(
      'vaultwarden-split.audit.txt',
      renderText(auditLockfiles([{ path: 'Cargo.lock', head: readFixture(FIXTURES.vaultwardenTokioSplit) }], undefined, { today: TODAY })),
    ));
  it('renders the clean state when a change resolves everything', () => {
    const audit = auditLockfiles(
      [{ path: 'Cargo.lock', head: readFixture('example-base.Cargo.lock'), base: readFixture('example-head.Cargo.lock') }],
      undefined,
      {
        today: TODAY,
      },
    );
    golden('example-fixed.comment.md', renderMarkdown(audit));
  });

  it('colours terminal text only when asked', () => {
    expect(renderText(exampleDiff(), { color: true })).toContain('\u001b[31merror');
    expect(renderText(exampleDiff())).not.toContain('\u001b[');
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema and points at the Cargo.lock line', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
    // The schema's `format: "uri"` and friends are checked, not ignored (and not warned about).
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(renderSarif(exampleDiff()));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(
      log.runs[0].results.map((result: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [
        result.ruleId,
        result.locations[0]?.physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['multiple-runtimes', 112],
      ['rustsec-advisory', 112],
      ['rustsec-advisory', 320],
    ]);
  });
});

describe('comment size', () => {
  it('stays within GitHub limit with many findings and says how much it left out', () => {
    const lines = [
      'version = 3',
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [' +
        Array.from({ length: 3000 }, (_, index) => `"instant-${index}"`).join(',') +
        ']',
    ];
    for (let index = 0; index < 3000; index++)
      lines.push(
        `[[package]]\nname = "instant-${index}"\nversion = "0.1.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"`,
      );
    const policy = loadPolicy(
      '[[discouraged]]\ncrate = "instant-0"\nreason = "x"\n' +
        Array.from(
          { length: 2999 },
          (_, index) =>
            `[[discouraged]]\ncrate = "instant-${index + 1}"\nreason = "a long reason that takes some room in the comment ${'x'.repeat(40)}"\n`,
        ).join('\n'),
    );
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lines.join('\n'), base: null }], policy, { today: TODAY });
    const comment = renderMarkdown(audit);
    expect(audit.lockfiles[0]?.diff.findings.introduced).toHaveLength(3000);
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment).toMatch(/Left out to fit GitHub's size limit: \d+ introduced findings, 3001 package changes\./);
    expect(renderSummary(audit).length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
  }, 60_000);
});
