import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/action-run.js';
import type { FakeGitHub, Fault } from '../support/fake-github.js';
import { expectResultKept, type Scenario, useScenario } from '../support/scenario.js';

const BASE = fixture('lockfiles', 'example-base.Cargo.lock');
const HEAD = fixture('lockfiles', 'example-head.Cargo.lock');
const COMMENTS = /\/issues\/42\/comments$/;

let scenario: Scenario;
let github: FakeGitHub;

useScenario((started) => {
  scenario = started;
  github = started.github;
});

const commentFaults: [string, Fault, RegExp][] = [
  [
    '401 listing comments',
    { method: 'GET', path: COMMENTS, status: 401, body: { message: 'Bad credentials' } },
    /HTTP 401: Bad credentials.*refused the token/,
  ],
  [
    '403 creating (fork)',
    { method: 'POST', path: COMMENTS, status: 403, body: { message: 'Resource not accessible by integration' } },
    /HTTP 403.*pull_request_target/,
  ],
  [
    '404 listing (no such pull request)',
    { method: 'GET', path: COMMENTS, status: 404, body: { message: 'Not Found' } },
    /HTTP 404: Not Found/,
  ],
  [
    '422 creating',
    {
      method: 'POST',
      path: COMMENTS,
      status: 422,
      body: { message: 'Validation Failed', errors: [{ code: 'custom', message: 'Body is too long' }] },
    },
    /HTTP 422: Validation Failed/,
  ],
  ['500 three retries later', { method: 'POST', path: COMMENTS, status: 500, times: 4 }, /HTTP 500/],
];

describe('GitHub API faults on the comment: a warning, never a lost result', () => {
  for (const [name, fault, warning] of commentFaults) {
    it(`${name}: one warning, summary and outputs written, exit from fail-on`, { timeout: 60_000 }, async () => {
      const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
      github.faults.push({ ...fault });
      const result = await scenario.run('pull_request', shas);
      expectResultKept(result, 1);
      const warnings = result.annotations.filter((annotation) => annotation.kind === 'warning' && !annotation.properties.file);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(warning);
      expect(result.summary).toContain('could not comment on pull request #42');
      expect(github.comments).toHaveLength(0);

      if (fault.status >= 500) return; // retried for 14 s; the exit-status half is the same for every fault
      github.faults.push({ ...fault });
      expectResultKept(await scenario.run('pull_request', shas, { inputs: { 'fail-on': 'never' } }), 0);
    });
  }
});

describe('the comment changes under our feet', () => {
  it('a comment deleted by a person between runs: the next run creates a new one', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    await scenario.run('pull_request', shas);
    github.comments.length = 0;
    const result = await scenario.run('pull_request', shas);
    expect(github.comments).toHaveLength(1);
    expect(result.outputs['comment-url']).toContain(`#issuecomment-${github.comments[0]?.id}`);
  });

  it('a comment deleted between listing and updating (404 on PATCH): a new one is created', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const stale = github.addComment(42, '<!-- runtime-guard -->\nold');
    github.faults.push({ method: 'PATCH', path: new RegExp(`comments/${stale.id}$`), status: 404, body: { message: 'Not Found' } });
    github.comments.length = 0;
    github.addComment(42, '<!-- runtime-guard -->\nold');
    const result = await scenario.run('pull_request', shas);
    expect(result.code).toBe(1);
    expect(github.comments.filter((comment) => comment.body.includes('async'))).toHaveLength(1);
  });

  it('two runs racing on one pull request: one comment remains, with the text of the run that posted last', async () => {
    // Nothing is checked out: both runs read their head through the API, like pull_request_target.
    const empty = mkdtempSync(join(tmpdir(), 'runtime-guard-race-'));
    try {
      const base = scenario.commit({ 'Cargo.lock': BASE }, 'base');
      const quiet = scenario.commit({ 'Cargo.lock': BASE, 'README.md': 'docs\n' }, 'docs');
      const loud = scenario.commit({ 'Cargo.lock': HEAD }, 'mailer');
      // Both list the (empty) comments before either posts.
      github.delays.push({ method: 'GET', path: COMMENTS, ms: 600, times: 2 });
      const runs = await Promise.all([
        scenario.run('pull_request_target', { base, head: quiet }, { workspace: empty, inputs: { comment: 'always', 'fail-on': 'never' } }),
        scenario.run('pull_request_target', { base, head: loud }, { workspace: empty, inputs: { 'fail-on': 'never' } }),
      ]);
      for (const run of runs) expect(run.code).toBe(0);
      const posts = github.calls('POST', COMMENTS);
      expect(posts).toHaveLength(2);
      expect(github.comments).toHaveLength(1);
      expect(github.comments[0]?.body).toBe((posts[1]?.body as { body?: string } | undefined)?.body);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
