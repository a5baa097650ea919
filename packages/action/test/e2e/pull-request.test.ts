import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ActionRun, fixture, type RunOptions } from '../support/action-run.js';
import type { FakeGitHub } from '../support/fake-github.js';
import { expectGolden } from '../support/golden.js';
import { type Scenario, useScenario } from '../support/scenario.js';

const BASE = fixture('lockfiles', 'example-base.Cargo.lock');
const HEAD = fixture('lockfiles', 'example-head.Cargo.lock');
const TOKIO02 = fixture('lockfiles', 'vaultwarden__46df3ee7.before-tokio1.Cargo.lock');
const TOKIO_SPLIT = fixture('lockfiles', 'vaultwarden__58606796.tokio02-and-tokio1.Cargo.lock');
const MARKER = '<!-- runtime-guard -->';

/** Markdown as a reader sees it: backslash escapes removed. */
const plain = (markdown: string | undefined) => (markdown ?? '').replace(/\\(.)/g, '$1');

let scenario: Scenario;
let github: FakeGitHub;

useScenario((started) => {
  scenario = started;
  github = started.github;
});

const pullRequest = (base: Record<string, string | null>, head: Record<string, string | null>) => scenario.change(base, head);
const run = (shas: { base: string; head: string }, options: Partial<RunOptions> = {}): Promise<ActionRun> =>
  scenario.run('pull_request', shas, options);

describe('pull_request, head checked out', () => {
  it('introducing a second runtime: one comment with the finding, annotations, outputs, summary, failed step', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    let sarif: { runs: { results: { ruleId: string; level: string }[] }[] } | undefined;
    const result = await run(shas, {
      keep: (outputs) => {
        sarif = JSON.parse(readFileSync(outputs.sarif ?? '', 'utf8'));
      },
    });

    expect(result.code).toBe(1);
    expect(github.comments).toHaveLength(1);
    const body = plain(github.comments[0]?.body);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('This change adds async-std 1.13.1, a second async runtime next to tokio 1.46.1');
    expect(body).toContain('multiple-runtimes');
    expect(body).toContain('`mailer 0.1.0` → `async-std 1.13.1`');
    expectGolden('pull-request-comment.md', github.comments[0]?.body ?? '');

    expect(result.outputs.introduced).toBe('1');
    // The error and the two advisory warnings grouped under it (async-std's, and event-listener's
    // behind it), each at its own severity.
    expect([result.outputs.errors, result.outputs.warnings, result.outputs.notices]).toEqual(['1', '2', '0']);
    expect(result.outputs.rules).toBe('multiple-runtimes,rustsec-advisory');
    expect(sarif?.runs[0]?.results.map((item) => [item.ruleId, item.level])).toEqual([
      ['multiple-runtimes', 'error'],
      ['rustsec-advisory', 'warning'],
      ['rustsec-advisory', 'warning'],
    ]);
    expect(result.outputs.runtimes).toBe('async-std,tokio');
    expect(result.outputs['comment-url']).toBe(`https://github.com/shopco/shop/pull/42#issuecomment-${github.comments[0]?.id}`);
    const report = JSON.parse(result.outputs.report ?? '{}');
    expect(report.schemaVersion).toBe(1);
    expect(report.mode).toBe('diff');

    const findings = result.annotations.filter((annotation) => annotation.properties.file === 'Cargo.lock');
    expect(findings.map((annotation) => [annotation.kind, annotation.properties.line])).toEqual([
      ['error', '112'],
      ['warning', '112'],
      ['warning', '320'],
    ]);
    expect(findings[0]?.properties.title).toBe('runtime-guard multiple-runtimes: async-std 1.13.1');
    const failure = result.annotations.find((annotation) => !annotation.properties.file && annotation.kind === 'error');
    expect(failure?.message).toMatch(/1 finding at or above "error" introduced by this change: multiple-runtimes async-std 1\.13\.1/);

    expect(result.summary).toContain('## runtime-guard');
    expect(result.summary).toContain('async-std 1.13.1');
    expect(result.summary).not.toContain(MARKER);
    // The base came from the API at the base SHA, raw; the head from the workspace.
    const contents = github.calls('GET', /\/contents\/Cargo\.lock$/);
    expect(contents.map((request) => request.query.get('ref'))).toEqual([shas.base]);
    expect(String(contents[0]?.headers.accept)).toMatch(/application\/vnd\.github\.(v3\.)?raw/);
    expect(String(github.calls('POST', /comments$/)[0]?.headers.authorization)).toBe('token ghs_test-token');
  });

  it('a re-run keeps the one comment: unchanged text is not rewritten, new text updates it in place', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    await run(shas);
    const first = github.comments[0];
    const again = await run(shas);
    expect(again.code).toBe(1);
    expect(github.comments).toHaveLength(1);
    expect(github.calls('POST', /comments$/)).toHaveLength(1);
    expect(github.calls('PATCH', /comments\/\d+$/)).toHaveLength(0);
    expect(again.outputs['comment-url']).toContain(`#issuecomment-${first?.id}`);

    // A new push adds tokio 0.2 next to tokio 1 in a second lockfile: the same comment is rewritten.
    const next = scenario.commit({ 'server/Cargo.lock': TOKIO_SPLIT }, 'more');
    const third = await run({ base: shas.base, head: next });
    expect(third.code).toBe(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.id).toBe(first?.id);
    expect(github.calls('PATCH', new RegExp(`comments/${first?.id}$`))).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('server/Cargo.lock');
  });

  it("links rule docs to the Action's own repository at the ref the workflow uses", async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await run(shas, { env: { GITHUB_ACTION_REPOSITORY: 'runtime-guard/runtime-guard', GITHUB_ACTION_REF: 'v1' } });
    const docs = 'https://github.com/runtime-guard/runtime-guard/blob/v1/packages/core/README.md';
    expect(github.comments[0]?.body).toContain(`[multiple-runtimes](${docs}#rule-multiple-runtimes)`);
    expect(result.summary).toContain(`${docs}#rule-rustsec-advisory`);
    expect(result.annotations.find((annotation) => annotation.kind === 'error')?.message).toContain(`${docs}#rule-multiple-runtimes`);
    const report = JSON.parse(result.outputs.report ?? '{}');
    expect(report.lockfiles[0].findings[0].docsUrl).toBe(`${docs}#rule-multiple-runtimes`);
    expect(report.lockfiles[0].policyFile).toBeNull();
  });

  it('fixing it updates the comment to say nothing is introduced any more', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    await run(shas);
    const fixed = scenario.commit({ 'Cargo.lock': BASE }, 'drop the mailer');
    const result = await run({ base: shas.base, head: fixed });
    expect(result.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(plain(github.comments[0]?.body)).toContain('✅ **This change adds no second runtime and no discouraged crate.**');
    expectGolden('pull-request-comment-fixed.md', github.comments[0]?.body ?? '');
    expect(github.comments[0]?.body).not.toContain('async-std 1.13.1');
    expect(result.outputs.introduced).toBe('0');
    expect(result.outputs.runtimes).toBe('tokio');
  });

  it('nothing introduced and no earlier comment: no comment at all', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': BASE, 'README.md': 'docs only\n' });
    const result = await run(shas);
    expect(result.code).toBe(0);
    expect(github.comments).toHaveLength(0);
    expect(github.calls('POST', /comments$/)).toHaveLength(0);
    expect(result.outputs['comment-url']).toBe('');
    expect(plain(result.summary)).toContain('This change adds no second runtime and no discouraged crate.');
    expect(result.annotations).toEqual([]);
  });

  it('comment: always posts even when nothing is introduced; never stays silent', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': BASE, 'README.md': 'docs\n' });
    await run(shas, { inputs: { comment: 'always' } });
    expect(github.comments).toHaveLength(1);
    github.comments.length = 0;
    const before = github.requests.length;
    const silent = await run(shas, { inputs: { comment: 'never' } });
    expect(silent.code).toBe(0);
    expect(github.requests.slice(before).filter((request) => request.path.includes('/comments'))).toEqual([]);
    expect(github.comments).toHaveLength(0);
  });

  it('a 403 on commenting (fork, read-only token) is one warning; summary and outputs are still written', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'POST', path: /comments$/, status: 403, body: { message: 'Resource not accessible by integration' } });
    const result = await run(shas);
    expect(result.code).toBe(1); // from fail-on: an error was introduced
    const warnings = result.annotations.filter((annotation) => annotation.kind === 'warning' && !annotation.properties.file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('HTTP 403');
    expect(warnings[0]?.message).toContain('pull_request_target');
    expect(warnings[0]?.message).toContain('permissions: pull-requests: write');
    expect(result.summary).toContain('async-std 1.13.1');
    expect(result.summary).toContain('could not comment on pull request #42');
    expect(result.outputs.introduced).toBe('1');
    expect(result.outputs['comment-url']).toBe('');

    github.faults.push({ method: 'POST', path: /comments$/, status: 403 });
    const lenient = await run(shas, { inputs: { 'fail-on': 'never' } });
    expect(lenient.code).toBe(0);
    expect(github.comments).toHaveLength(0);
  });

  it('a lockfile missing at the base (404) is new: everything in it counts as introduced', async () => {
    const shas = pullRequest({ 'README.md': 'no lockfile yet\n' }, { 'Cargo.lock': HEAD });
    const result = await run(shas);
    expect(github.calls('GET', /\/contents\/Cargo\.lock$/)).toHaveLength(1);
    expect(result.outputs.introduced).toBe('1');
    expect(plain(github.comments[0]?.body)).toContain('a second async runtime');
    expect(result.code).toBe(1);
  });

  it('a 500 from the API is retried, and the run succeeds', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'GET', path: /\/contents\/Cargo\.lock$/, status: 500, body: { message: 'Server Error' } });
    const result = await run(shas);
    expect(github.calls('GET', /\/contents\/Cargo\.lock$/).map((request) => request.query.get('ref'))).toEqual([shas.base, shas.base]);
    expect(result.outputs.introduced).toBe('1');
    expect(github.comments).toHaveLength(1);
  });

  it('two lockfiles: one comment covering both', async () => {
    const shas = pullRequest(
      { 'Cargo.lock': BASE, 'server/Cargo.lock': TOKIO02 },
      { 'Cargo.lock': HEAD, 'server/Cargo.lock': TOKIO_SPLIT },
    );
    const result = await run(shas);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? '';
    expect(body).toContain('**`Cargo.lock`**');
    expect(body).toContain('**`server/Cargo.lock`**');
    expect(body).toContain('runtime-version-split');
    expect(result.annotations.some((annotation) => annotation.properties.file === 'server/Cargo.lock')).toBe(true);
    expect(result.outputs.runtimes).toBe('async-std,tokio');
  });

  it('a bad policy file fails the step with its file, line and key, and the summary says why', async () => {
    const shas = pullRequest(
      { 'Cargo.lock': BASE },
      { 'Cargo.lock': HEAD, 'runtime-guard.toml': 'runtime = "tokio"\n\n[severity]\nmultiple-runtimes = "fatal"\n' },
    );
    const result = await run(shas);
    expect(result.code).toBe(1);
    const failure = result.annotations.find((annotation) => annotation.kind === 'error');
    expect(failure?.message).toMatch(
      /^runtime-guard\.toml:4: key `severity\.multiple-runtimes`: expected one of "error", "warning", "notice", "off", got "fatal"/,
    );
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.summary).toContain('The audit could not run.');
    expect(github.comments).toHaveLength(0);
  });

  it('the policy is applied: a severity turned down does not fail the step', async () => {
    const shas = pullRequest(
      { 'Cargo.lock': BASE },
      { 'Cargo.lock': HEAD, '.github/runtime-guard.toml': 'runtime = "tokio"\n\n[severity]\nmultiple-runtimes = "warning"\n' },
    );
    const result = await run(shas);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Policy: .github/runtime-guard.toml');
  });

  it('advisory-db: reads a checkout in the workspace, and the summary names the data; without it the bundled snapshot', async () => {
    const advisories = {
      'advisory-db/crates/async-std/RUSTSEC-2025-0052.md': fixture('advisory-db', 'crates', 'async-std', 'RUSTSEC-2025-0052.md'),
      'advisory-db/crates/event-listener/RUSTSEC-2026-0221.md': fixture('advisory-db', 'crates', 'event-listener', 'RUSTSEC-2026-0221.md'),
    };
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD, ...advisories });
    const result = await run(shas, { inputs: { 'advisory-db': 'advisory-db' } });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.outputs.report ?? '{}').advisoryData).toMatchObject({ kind: 'checkout', count: 2 });
    expect(plain(result.summary)).toMatch(
      /advisory data: RustSec advisory-db [0-9a-f]{7} of \d{4}-\d{2}-\d{2} \(local checkout, 2 advisories\)/,
    );
    expect(plain(result.summary)).toContain('RUSTSEC-2025-0052');
    const bundled = await run(shas);
    expect(plain(bundled.summary)).toMatch(
      /advisory data: RustSec advisory-db [0-9a-f]{7} of \d{4}-\d{2}-\d{2} \(bundled snapshot, \d+ advisories/,
    );
    // A path outside the workspace, or without advisories, fails the step with the input named.
    const outside = await run(shas, { inputs: { 'advisory-db': '../advisory-db' } });
    expect(outside.code).toBe(1);
    expect(outside.annotations.find((annotation) => annotation.kind === 'error')?.message).toContain(
      'Input "advisory-db" is "../advisory-db"',
    );
    const missing = await run(shas, { inputs: { 'advisory-db': 'nowhere' } });
    expect(missing.annotations.find((annotation) => annotation.kind === 'error')?.message).toContain(
      'Input "advisory-db" is "nowhere": no crates/ folder there',
    );
  });

  it('bad inputs are all reported at once, before any request', async () => {
    const shas = pullRequest({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await run(shas, { inputs: { 'fail-on': 'sometimes', comment: 'loud', 'base-ref': '--output=x' } });
    expect(result.code).toBe(1);
    const message = result.annotations.find((annotation) => annotation.kind === 'error')?.message ?? '';
    expect(message).toContain('Input "comment" is "loud": expected one of on-change, always, never');
    expect(message).toContain('Input "fail-on" is "sometimes": expected one of error, warning, notice, never');
    expect(message).toContain('Input "base-ref" is "--output=x"');
    expect(github.requests).toHaveLength(0);
  });
});
