import { describe, expect, it } from 'vitest';
import { fixture } from '../support/action-run.js';
import { ACTIONS_BOT, type FakeGitHub } from '../support/fake-github.js';
import { type Scenario, useEmptyWorkspace, useScenario } from '../support/scenario.js';

const BASE = fixture('lockfiles', 'example-base.Cargo.lock');
const HEAD = fixture('lockfiles', 'example-head.Cargo.lock');
const MARKER = '<!-- runtime-guard -->';

let scenario: Scenario;
let github: FakeGitHub;
const emptyFolder = useEmptyWorkspace();

useScenario((started) => {
  scenario = started;
  github = started.github;
});

const commits = (base: Record<string, string | null>, head: Record<string, string | null>) => scenario.change(base, head);

describe('events', () => {
  it('pull_request_target with nothing checked out reads both sides through the API, policy from the base', async () => {
    const shas = commits(
      { 'Cargo.lock': BASE, 'runtime-guard.toml': 'runtime = "tokio"\n' },
      // The pull request tries to silence the rule in its own policy: under pull_request_target that must not count.
      { 'Cargo.lock': HEAD, 'runtime-guard.toml': 'runtime = "tokio"\n[severity]\nmultiple-runtimes = "off"\n' },
    );
    const result = await scenario.run('pull_request_target', shas, { sha: shas.base, workspace: emptyFolder() });
    expect(github.calls('GET', /\/git\/trees\//).map((request) => request.path)).toEqual([`/repos/shopco/shop/git/trees/${shas.head}`]);
    expect(github.calls('GET', /\/contents\/Cargo\.lock$/).map((request) => request.query.get('ref'))).toEqual([shas.head, shas.base]);
    expect(github.calls('GET', /\/contents\/runtime-guard\.toml$/).map((request) => request.query.get('ref'))).toEqual([shas.base]);
    expect(result.stdout).toContain('Lockfiles from the GitHub API at');
    expect(result.code).toBe(1);
    expect(result.outputs.introduced).toBe('1');
    expect(github.comments).toHaveLength(1);
  });

  it('pull_request checked out at the merge commit GitHub builds counts as the head', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    scenario.repo.checkout(shas.base);
    scenario.repo.git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'merge', '-q', '--no-ff', '-m', 'merge', shas.head);
    const merge = scenario.repo.git('rev-parse', 'HEAD').trim();
    const result = await scenario.run('pull_request', { ...shas, merge });
    expect(github.calls('GET', /\/git\/trees\//)).toHaveLength(0);
    expect(result.stdout).toContain('Lockfiles from the workspace: Cargo.lock');
    expect(result.outputs.introduced).toBe('1');
  });

  it('push compares before with after and never comments', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await scenario.run('push', shas);
    expect(result.stdout).toContain(`push: comparing ${shas.base.slice(0, 7)} (base) with ${shas.head.slice(0, 7)} (head)`);
    expect(result.outputs.introduced).toBe('1');
    expect(result.code).toBe(1);
    expect(github.requests.filter((request) => request.path.includes('comments'))).toEqual([]);
  });

  it('push of a new branch (before = 000…) is a full audit', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await scenario.run('push', { head: shas.head });
    expect(result.stdout).toContain('push: auditing');
    expect(JSON.parse(result.outputs.report ?? '{}').mode).toBe('audit');
    expect(github.requests).toEqual([]);
  });

  it('merge_group compares the queue base with the queue head', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await scenario.run('merge_group', shas);
    expect(result.outputs.introduced).toBe('1');
    expect(github.calls('GET', /\/contents\/Cargo\.lock$/).map((request) => request.query.get('ref'))).toEqual([shas.base]);
    expect(github.requests.filter((request) => request.path.includes('comments'))).toEqual([]);
  });

  it('workflow_dispatch audits the whole build: no diff, no comment; fail-on counts every finding', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const result = await scenario.run('workflow_dispatch', { head: shas.head }, { inputs: { 'fail-on': 'warning' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('workflow_dispatch: auditing');
    expect(result.outputs.introduced).toBe('1');
    expect(JSON.parse(result.outputs.report ?? '{}').mode).toBe('audit');
    expect(github.requests).toEqual([]);
  });

  it('base-ref and head-ref override the event, and git serves them when the API cannot', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    scenario.repo.git('branch', 'before', shas.base);
    github.faults.push({
      method: 'GET',
      path: /\/contents\//,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 5,
    });
    const result = await scenario.run('workflow_dispatch', { head: shas.head }, { inputs: { 'base-ref': 'before' } });
    expect(result.stdout).toContain('using git at before instead');
    expect(JSON.parse(result.outputs.report ?? '{}').mode).toBe('diff');
    expect(result.outputs.introduced).toBe('1');
  });

  it('a lockfile the API cannot serve and git does not have fails with both reasons', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'GET', path: /\/contents\//, status: 401, body: { message: 'Bad credentials' } });
    const result = await scenario.run('pull_request', { base: 'a'.repeat(40), head: shas.head });
    expect(result.code).toBe(1);
    const failure = result.annotations.find((annotation) => annotation.kind === 'error');
    expect(failure?.message).toBe('Cannot read Cargo.lock through the GitHub API at aaaaaaa: HTTP 401: Bad credentials');
    expect(result.summary).toContain('The audit could not run.');
  });

  it('one good and one broken lockfile: both in the comment, summary and report, then the step fails as an input error', async () => {
    const broken = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = 3\n';
    const shas = commits({ 'Cargo.lock': BASE, 'tools/Cargo.lock': BASE }, { 'Cargo.lock': HEAD, 'tools/Cargo.lock': broken });
    const result = await scenario.run('pull_request', shas);
    expect(result.code).toBe(1);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? '';
    expect(body).toMatch(/### Could not be read \(1\)\n\n- ❌ `tools\/Cargo\.lock` line 3: tools\/Cargo\\\.lock:3: package \\#1/);
    expect(body).toContain('multiple-runtimes');
    expect(result.summary).toContain('tools/Cargo.lock');
    const report = JSON.parse(result.outputs.report ?? '{}');
    expect(report.lockfiles.find((entry: { path: string }) => entry.path === 'tools/Cargo.lock').error).toMatchObject({
      code: 'invalid-shape',
      line: 3,
    });
    expect(report.lockfiles.find((entry: { path: string }) => entry.path === 'Cargo.lock').findings.length).toBeGreaterThan(0);
    const errors = result.annotations.filter((annotation) => annotation.kind === 'error').map((annotation) => annotation.message);
    expect(errors).toContainEqual(expect.stringMatching(/^tools\/Cargo\.lock:3: package #1 "app"/));
    expect(errors).toContainEqual(expect.stringMatching(/^runtime-guard: 1 lockfile could not be read: tools\/Cargo\.lock:3: /));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('no lockfile at all is a clear failure', async () => {
    const shas = commits({ 'README.md': 'a\n' }, { 'src/lib.rs': '' });
    const result = await scenario.run('pull_request', shas);
    expect(result.code).toBe(1);
    expect(result.annotations[0]?.message).toContain('No lockfile matches "**/Cargo.lock" in the workspace');
  });
});

describe('untrusted content in the log', () => {
  it('a lockfile in a directory named like a workflow command cannot issue it', async () => {
    const evil = '::warning::pwned';
    const shas = commits({ 'README.md': 'x\n' }, { [`${evil}/Cargo.lock`]: HEAD });
    const result = await scenario.run('pull_request', shas);
    expect(result.stdout).toContain(`\n${evil}/Cargo.lock\n`); // printed at the start of a line…
    expect(result.annotations.filter((annotation) => annotation.message.includes('pwned'))).toEqual([]); // …inert
    expect(result.annotations.filter((annotation) => annotation.properties.file === `${evil}/Cargo.lock`)).toHaveLength(3);
    expect(result.outputs.introduced).toBe('1');
  });
});

describe('annotation limit', () => {
  it('12 lockfiles with findings: 10 annotations of each kind, the rest counted in the summary', async () => {
    const head = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`member-${index}/Cargo.lock`, HEAD]));
    const shas = commits({ 'README.md': 'x\n' }, head);
    const result = await scenario.run('pull_request', shas, { inputs: { comment: 'never' } });
    const onFiles = result.annotations.filter((annotation) => annotation.properties.file);
    expect(onFiles.filter((annotation) => annotation.kind === 'error')).toHaveLength(10);
    expect(onFiles.filter((annotation) => annotation.kind === 'warning')).toHaveLength(10);
    expect(result.outputs.introduced).toBe('12');
    // 12 errors and 24 advisory warnings (async-std's and event-listener's): 2 + 14 not annotated.
    expect(result.summary).toContain('16 more findings are not annotated (GitHub shows at most 10 of each kind per step)');
  });
});

describe('finding the sticky comment', () => {
  it('follows pagination to find its comment, and leaves a person quoting the marker alone', async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.pageSize = 2;
    const person = github.addComment(42, `${MARKER}\nI pasted this by hand`, { login: 'someone', id: 7, type: 'User' });
    for (let index = 0; index < 4; index++) github.addComment(42, `chatter ${index}`, { login: 'someone', id: 7, type: 'User' });
    const ours = github.addComment(42, `${MARKER}\nold report`, { ...ACTIONS_BOT });
    const result = await scenario.run('pull_request', shas);
    expect(github.calls('GET', /\/issues\/42\/comments$/).map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect(github.comments.find((comment) => comment.id === person.id)?.body).toBe(`${MARKER}\nI pasted this by hand`);
    expect(github.comments.find((comment) => comment.id === ours.id)?.body).toContain('async');
    expect(github.calls('POST', /comments$/)).toHaveLength(0);
    expect(result.outputs['comment-url']).toContain(`#issuecomment-${ours.id}`);
  });

  it("with a personal token, the token's own comments are found through GET /user", async () => {
    const shas = commits({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.personalToken = true;
    github.commenter = { login: 'release-bot-user', id: 99, type: 'User' };
    const ours = github.addComment(42, `${MARKER}\nold report`);
    await scenario.run('pull_request', shas);
    expect(github.calls('GET', /^\/user$/)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.id).toBe(ours.id);
  });
});
