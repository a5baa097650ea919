import { describe, expect, it } from 'vitest';
import { auditLockfiles, combineAudits, renderJson, renderMarkdown, renderSarif, renderText } from '../src/index.js';
import { readFixture } from './support/fixtures.js';

const GOOD = readFixture('example-head.Cargo.lock');
const BASE = readFixture('example-base.Cargo.lock');
const BROKEN = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "serde",\n'; // unterminated array

describe('one good and one broken lockfile', () => {
  const audit = auditLockfiles(
    [
      { path: 'good/Cargo.lock', head: GOOD },
      { path: 'broken/Cargo.lock', head: BROKEN },
    ],
    undefined,
    { today: '2026-01-01' },
  );

  it('audits the good one in full and keeps the broken one with its error and line', () => {
    expect(audit.lockfiles.map((lockfile) => lockfile.path)).toEqual(['good/Cargo.lock']);
    expect(audit.lockfiles[0]?.diff.head.findings.map((finding) => finding.rule)).toContain('multiple-runtimes');
    expect(audit.unreadable).toHaveLength(1);
    expect(audit.unreadable?.[0]).toMatchObject({ path: 'broken/Cargo.lock', error: { code: 'toml-syntax', file: 'broken/Cargo.lock' } });
    expect(audit.unreadable?.[0]?.error.line).toBeGreaterThan(0);
    expect(audit.unreadable?.[0]?.error.message).toMatch(/^broken\/Cargo\.lock:\d+:\d+: not valid TOML/);
  });

  it('shows the broken one with its error in every format', () => {
    const json = JSON.parse(renderJson(audit));
    expect(json.lockfiles.map((entry: { path: string }) => entry.path)).toEqual(['good/Cargo.lock', 'broken/Cargo.lock']);
    expect(json.lockfiles[1].error).toMatchObject({ code: 'toml-syntax', line: audit.unreadable?.[0]?.error.line });
    expect(json.lockfiles[1].error.message).toMatch(/not valid TOML/);
    expect(json.lockfiles[0].findings.length).toBeGreaterThan(0);

    const text = renderText(audit);
    expect(text).toMatch(/broken\/Cargo\.lock\n {2}could not be read: broken\/Cargo\.lock:\d+:\d+: not valid TOML/);
    expect(text).toContain('1 of 2 lockfiles could not be read');

    const markdown = renderMarkdown(audit);
    expect(markdown).toMatch(/### Could not be read \(1\)\n\n- ❌ `broken\/Cargo\.lock` line \d+: /);
    expect(markdown).toContain('🚨');

    const sarif = JSON.parse(renderSarif(audit));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'broken/Cargo.lock' }, region: { startLine: audit.unreadable?.[0]?.error.line } } },
      ],
    });
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('a broken lockfile alone never reads as an all-clear', () => {
    const alone = auditLockfiles([{ path: 'Cargo.lock', head: 'hello = 1\n' }]);
    expect(renderText(alone)).toContain('1 of 1 lockfile could not be read');
    expect(renderMarkdown(alone)).not.toContain('✅');
  });
});

describe('diff mode with a base that cannot be read', () => {
  it('audits the head in full and says the base was not compared', () => {
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: GOOD, base: '[package]\nname = "app"\n' }], undefined, {
      today: '2026-01-01',
    });
    const [lockfile] = audit.lockfiles;
    expect(audit.mode).toBe('diff');
    expect(lockfile?.baseError).toMatchObject({ code: 'not-a-lockfile', file: 'Cargo.lock (base)', line: 1 });
    expect(lockfile?.diff.findings.introduced).toEqual(lockfile?.diff.head.findings);
    expect(lockfile?.diff.head.findings.length).toBeGreaterThan(0);
    expect(renderMarkdown(audit)).toContain('the base could not be read, so nothing was compared');
    expect(JSON.parse(renderJson(audit)).lockfiles[0].baseError).toMatchObject({ code: 'not-a-lockfile', line: 1 });
    // With a readable base the same head is compared as before.
    expect(auditLockfiles([{ path: 'Cargo.lock', head: GOOD, base: BASE }]).lockfiles[0]?.baseError).toBeUndefined();
  });
});

describe('combineAudits', () => {
  const inputs = [
    { path: 'good/Cargo.lock', head: GOOD, base: BASE },
    { path: 'broken/Cargo.lock', head: BROKEN, base: null },
    { path: 'again/Cargo.lock', head: GOOD, base: GOOD },
  ];
  const options = { today: '2026-01-01', diff: true, docsBaseUrl: 'https://example.com/README.md' };

  it('gives what one call over every input gives, with unopened files last', () => {
    const whole = auditLockfiles(inputs, undefined, options);
    const unopened = {
      path: 'gone/Cargo.lock',
      error: { message: 'gone/Cargo.lock: cannot open', code: 'unreadable-file', file: 'gone/Cargo.lock' },
    };
    const combined = combineAudits(
      'diff',
      inputs.map((input) => auditLockfiles([input], undefined, options)),
      [unopened],
    );
    expect(combined).toEqual({ ...whole, unreadable: [...(whole.unreadable ?? []), unopened] });
    expect(combined.advisoryData).toBeDefined();
    expect(combined.docsBaseUrl).toBe('https://example.com/README.md');
  });
});
