import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../support/fake-github.js';
import { readTree, type Scenario, useScenario } from '../support/scenario.js';

/**
 * A real before/after workspace: rust-libp2p at 3c1f856e (every Cargo.toml and the Cargo.lock, see
 * test/fixtures/README.md). The head switches interop-tests' redis 0.24 from `tokio-comp` to
 * `async-std-comp`, and the lockfile gains the edge Cargo writes for it (redis → async-std; async-std
 * 1.13.0 is already in the lock, so no new package). The Action must suggest the way back on the
 * lines the pull request changed.
 */
const FOLDER = fileURLToPath(new URL('../fixtures/workspaces/libp2p__rust-libp2p__3c1f856e/', import.meta.url));
const MANIFEST = 'interop-tests/Cargo.toml';
const TOKIO_LINES = 'redis = { version = "0.24.0", default-features = false, features = [\n    "tokio-comp",\n] }';
const ASYNC_STD_LINES = 'redis = { version = "0.24.0", default-features = false, features = [\n    "async-std-comp",\n] }';
const SUGGESTED = 'redis = { version = "0.24.0", default-features = false, features = ["tokio-comp"] }';

function headOf(base: Record<string, string>): Record<string, string> {
  const manifest = base[MANIFEST] as string;
  const lock = base['Cargo.lock'] as string;
  const redis = 'name = "redis"\nversion = "0.24.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';
  const at = lock.indexOf(redis);
  const withEdge = `${lock.slice(0, at)}${lock.slice(at).replace('dependencies = [\n "async-trait",\n', 'dependencies = [\n "async-std",\n "async-trait",\n')}`;
  expect(manifest).toContain(TOKIO_LINES);
  expect(withEdge).not.toBe(lock);
  return { ...base, [MANIFEST]: manifest.replace(TOKIO_LINES, ASYNC_STD_LINES), 'Cargo.lock': withEdge };
}

let scenario: Scenario;
let github: FakeGitHub;
useScenario((current) => {
  scenario = current;
  github = current.github;
});

/** Commits base and head and gives the fake GitHub the pull request's files with the real git patches. */
function pullRequest(): { base: string; head: string } {
  const base = readTree(FOLDER);
  const shas = scenario.change(base, headOf(base));
  scenario.pullRequestFiles(42, shas, ['Cargo.lock', MANIFEST]);
  return shas;
}

const OPTIONS = { inputs: { 'fail-on': 'never', comment: 'always' } };

describe('suggestions on the Cargo.toml lines a pull request changed', () => {
  it('posts one review with a suggestion replacing the redis declaration, and a re-run replaces it', async () => {
    const shas = pullRequest();
    const first = await scenario.run('pull_request', shas, OPTIONS);
    expect(first.code).toBe(0);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]).toMatchObject({ pullNumber: 42, event: 'COMMENT', commitId: shas.head });
    expect(github.reviewComments).toHaveLength(1);
    const comment = github.reviewComments[0];
    expect(comment).toMatchObject({ path: MANIFEST, startLine: 31, line: 33, side: 'RIGHT' });
    expect(comment?.body.startsWith('<!-- runtime-guard-suggestion -->')).toBe(true);
    expect(comment?.body).toContain(`\`\`\`suggestion\n${SUGGESTED}\n\`\`\``);
    expect(comment?.body).toContain('drops `async-std-comp`, adds `tokio-comp`');
    // The sticky comment shows the same edit as a diff block.
    expect(github.comments[0]?.body).toContain(`\`\`\`diff\n-${ASYNC_STD_LINES.split('\n').join('\n-')}\n+${SUGGESTED}\n\`\`\``);

    const second = await scenario.run('pull_request', shas, OPTIONS);
    expect(second.code).toBe(0);
    expect(github.reviews).toHaveLength(2);
    expect(github.reviewComments).toHaveLength(1);
    expect(github.reviewComments[0]?.id).not.toBe(comment?.id);
    expect(github.calls('DELETE', /\/pulls\/comments\/\d+$/).map((request) => request.path)).toEqual([
      `/repos/shopco/shop/pulls/comments/${comment?.id}`,
    ]);
    // GitHub keeps submitted reviews: the first one's body now says it is superseded, the new one's is the suggestion's.
    expect(github.reviews.map((review) => review.body)).toEqual([
      '<!-- runtime-guard-review -->\nSuperseded by a newer runtime-guard review.',
      '<!-- runtime-guard-review -->\nruntime-guard suggests a change to the Cargo.toml lines this pull request touches (the sticky comment has the report).',
    ]);
    expect(github.calls('PUT', /\/pulls\/42\/reviews\/\d+$/).map((request) => request.path)).toEqual([
      `/repos/shopco/shop/pulls/42/reviews/${github.reviews[0]?.id}`,
    ]);

    // A third run finds the first review already superseded: only the second one is rewritten.
    await scenario.run('pull_request', shas, OPTIONS);
    expect(github.calls('PUT', /\/pulls\/42\/reviews\/\d+$/).map((request) => request.path)).toEqual([
      `/repos/shopco/shop/pulls/42/reviews/${github.reviews[0]?.id}`,
      `/repos/shopco/shop/pulls/42/reviews/${github.reviews[1]?.id}`,
    ]);
  });

  it("leaves other authors' review comments and reviews alone, even with the marker", async () => {
    const shas = pullRequest();
    const someone = { login: 'reviewer', id: 7, type: 'User' as const };
    const theirs = '<!-- runtime-guard-review -->\nnot ours either';
    github.reviews.push({ id: 4, pullNumber: 42, event: 'COMMENT', body: theirs, commitId: shas.head, user: someone });
    github.reviewComments.push({
      id: 5,
      pullNumber: 42,
      reviewId: 4,
      path: MANIFEST,
      line: 33,
      side: 'RIGHT',
      commitId: shas.head,
      body: '<!-- runtime-guard-suggestion -->\nnot ours',
      user: someone,
    });
    await scenario.run('pull_request', shas, OPTIONS);
    expect(github.reviewComments.map((comment) => comment.user.login).sort()).toEqual(['github-actions[bot]', 'reviewer']);
    expect(github.calls('DELETE', /\/pulls\/comments\//)).toHaveLength(0);
    expect(github.reviews[0]?.body).toBe(theirs);
    expect(github.calls('PUT', /\/reviews\//)).toHaveLength(0);
  });

  it('suggestions: false posts no review; the fix is a diff block in the sticky comment', async () => {
    const shas = pullRequest();
    const result = await scenario.run('pull_request', shas, { inputs: { ...OPTIONS.inputs, suggestions: 'false' } });
    expect(result.code).toBe(0);
    expect(github.calls('POST', /\/reviews$/)).toHaveLength(0);
    expect(github.calls('GET', /\/pulls\/42\/files$/)).toHaveLength(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('The edit in `interop-tests/Cargo.toml`, line 31:');
    expect(github.comments[0]?.body).toContain(`+${SUGGESTED}`);
  });

  it.each([403, 422])('a %i on reviews degrades to one warning; the step result and the sticky comment stand', async (status) => {
    const shas = pullRequest();
    github.faults.push({ method: 'POST', path: /\/pulls\/42\/reviews$/, status, body: { message: 'refused' } });
    const result = await scenario.run('pull_request', shas, OPTIONS);
    expect(result.code).toBe(0);
    const warnings = result.annotations.filter((annotation) => annotation.kind === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(status === 403 ? 'cannot write reviews' : 'did not accept the review');
    expect(github.reviewComments).toHaveLength(0);
    expect(github.comments[0]?.body).toContain(`+${SUGGESTED}`);
    expect(result.summary).toContain(`+${SUGGESTED}`);
  });

  it('a fork token refused on the comment too: one warning, no review attempted, the fix in the summary', async () => {
    const shas = pullRequest();
    github.faults.push({
      method: 'POST',
      path: /\/issues\/42\/comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const result = await scenario.run('pull_request', shas, OPTIONS);
    expect(result.code).toBe(0);
    expect(result.annotations.filter((annotation) => annotation.kind === 'warning')).toHaveLength(1);
    expect(github.calls('POST', /\/reviews$/)).toHaveLength(0);
    expect(result.summary).toContain(`+${SUGGESTED}`);
  });

  it('comment: never makes no review call either', async () => {
    const shas = pullRequest();
    const result = await scenario.run('pull_request', shas, { inputs: { 'fail-on': 'never', comment: 'never' } });
    expect(result.code).toBe(0);
    expect(github.calls('GET', /\/pulls\//)).toHaveLength(0);
    expect(github.calls('POST', /\/reviews$/)).toHaveLength(0);
    expect(result.summary).toContain(`+${SUGGESTED}`);
  });

  it('an invalid value of the input fails the step naming the input', async () => {
    const shas = pullRequest();
    const result = await scenario.run('pull_request', shas, { inputs: { ...OPTIONS.inputs, suggestions: 'maybe' } });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('"suggestions"');
  });
});
