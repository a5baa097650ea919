import { describe, expect, it } from 'vitest';
import { fixture } from '../support/action-run.js';
import type { FakeGitHub } from '../support/fake-github.js';
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

describe('GitHub API retries: 5xx and rate limits are waited out', () => {
  it('502 then 201: the create is retried and one comment exists', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'POST', path: COMMENTS, status: 502, body: { message: 'Bad Gateway' } });
    const result = await scenario.run('pull_request', shas);
    expectResultKept(result, 1);
    expect(github.calls('POST', COMMENTS)).toHaveLength(2);
    expect(github.comments).toHaveLength(1);
    expect(result.annotations.filter((annotation) => annotation.kind === 'warning' && !annotation.properties.file)).toEqual([]);
  });

  it('a secondary rate limit waits for retry-after, then succeeds', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({
      method: 'POST',
      path: COMMENTS,
      status: 403,
      headers: { 'retry-after': '2', 'x-ratelimit-remaining': '4000' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });
    // Waits counted in tenths of a second: retry-after 2 must hold the retry back 200 ms, not 2 s.
    const result = await scenario.run('pull_request', shas, { env: { RUNTIME_GUARD_TEST_WAIT_UNIT_MS: '100' } });
    expectResultKept(result, 1);
    const posts = github.calls('POST', COMMENTS);
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect(github.comments).toHaveLength(1);
    expect(result.annotations.some((annotation) => /secondary rate limit.*retrying in 2 s/.test(annotation.message))).toBe(true);
  });

  it('a primary rate limit that resets soon is waited out', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    github.faults.push({
      method: 'GET',
      path: COMMENTS,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const result = await scenario.run('pull_request', shas);
    expectResultKept(result, 1);
    expect(github.comments).toHaveLength(1);
  });

  it('500 reading the base lockfile three times in a row falls back to git', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'GET', path: /\/contents\/Cargo\.lock$/, status: 500, times: 4 });
    const result = await scenario.run('pull_request', shas, { inputs: { comment: 'never' } });
    expectResultKept(result, 1);
    expect(github.calls('GET', /\/contents\/Cargo\.lock$/)).toHaveLength(4);
    expect(result.stdout).toContain(`using git at ${shas.base.slice(0, 7)} instead`);
  }, 60_000);
});
