import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../support/fake-github.js';
import { readTree, type Scenario, useScenario } from '../support/scenario.js';

/**
 * A pull request that brings a second runtime into a tokio-only workspace: GreptimeDB at 7fd0a7bb
 * (every Cargo.toml and the Cargo.lock) as the base; as the head, member log-query adds zeromq
 * 0.5.0-pre on its async-std runtime, and the lockfile gains zeromq and async-std's whole tree the
 * way Cargo writes it (test/fixtures/README.md says how it was built). The multiple-runtimes finding
 * is new in this change, so the step fails, and the fix lands as a suggestion on the added line.
 */
const WORKSPACES = fileURLToPath(new URL('../fixtures/workspaces/', import.meta.url));
const BASE_FOLDER = join(WORKSPACES, 'GreptimeTeam__greptimedb__7fd0a7bb');
const HEAD_FOLDER = join(WORKSPACES, 'GreptimeTeam__greptimedb__7fd0a7bb.add-zeromq');
const MANIFEST = 'src/log-query/Cargo.toml';
const ADDED_LINE = 'zeromq = { version = "0.5.0-pre", default-features = false, features = ["async-std-runtime", "all-transport"] }';
const SUGGESTED = 'zeromq = { version = "0.5.0-pre", default-features = false, features = ["all-transport", "tokio-runtime"] }';

const packageNames = (lock: string) => new Set([...lock.matchAll(/^name = "([^"]+)"$/gm)].map((match) => match[1]));

let scenario: Scenario;
let github: FakeGitHub;
useScenario((current) => {
  scenario = current;
  github = current.github;
});

/** Commits base and head and gives the fake GitHub the pull request's files with the real git patches. */
function pullRequest(): { base: string; head: string } {
  const base = readTree(BASE_FOLDER);
  const changed = readTree(HEAD_FOLDER);
  expect(Object.keys(changed).sort()).toEqual(['Cargo.lock', MANIFEST]);
  // The base has no async-std at all; the head adds it with zeromq.
  expect(packageNames(base['Cargo.lock'] as string).has('async-std')).toBe(false);
  expect(packageNames(changed['Cargo.lock'] as string).has('async-std')).toBe(true);
  const shas = scenario.change(base, { ...base, ...changed });
  scenario.pullRequestFiles(42, shas, Object.keys(changed));
  return shas;
}

describe('a pull request that introduces a second runtime', () => {
  it('fails per fail-on with the finding introduced, and suggests the exact edit on the added line', async () => {
    const shas = pullRequest();
    const result = await scenario.run('pull_request', shas, { inputs: { 'fail-on': 'error' } });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(
      'runtime-guard: 1 finding at or above "error" introduced by this change: multiple-runtimes async-std 1.13.1',
    );
    expect(result.outputs.runtimes).toBe('async-std,tokio');
    // One introduced finding: async-std's RustSec advisory travels with it as a related finding.
    expect(result.outputs.introduced).toBe('1');
    expect(JSON.parse(result.outputs.report ?? '{}').mode).toBe('diff');

    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]).toMatchObject({ pullNumber: 42, event: 'COMMENT', commitId: shas.head });
    expect(github.reviewComments).toHaveLength(1);
    const comment = github.reviewComments[0];
    // Line 17 is the line the pull request added; a one-line edit has no start line.
    expect(comment).toMatchObject({ path: MANIFEST, line: 17, side: 'RIGHT' });
    expect(comment?.startLine).toBeUndefined();
    expect(readTree(HEAD_FOLDER)[MANIFEST]?.split('\n')[16]).toBe(ADDED_LINE);
    expect(comment?.body).toContain(`\`\`\`suggestion\n${SUGGESTED}\n\`\`\``);
    expect(comment?.body).toContain('multiple-runtimes: async-std 1.13.1');
    expect(comment?.body).toContain('drops `async-std-runtime`, adds `tokio-runtime`');
    // The sticky comment lists the finding as introduced and shows the same edit as a diff block.
    const sticky = github.comments[0]?.body ?? '';
    expect(sticky).toContain('The edit in `src/log-query/Cargo.toml`, line 17:');
    expect(sticky).toContain(`\`\`\`diff\n-${ADDED_LINE}\n+${SUGGESTED}\n\`\`\``);
  });

  it('a re-run after the fix (the line removed) deletes the suggestion and marks the review resolved', async () => {
    const shas = pullRequest();
    await scenario.run('pull_request', shas, { inputs: { 'fail-on': 'error' } });
    expect(github.reviewComments).toHaveLength(1);

    // The author drops the dependency again: the pull request no longer changes the workspace.
    const fixed = scenario.commit(readTree(BASE_FOLDER), 'drop zeromq');
    github.pullFiles.set(42, []);
    const rerun = await scenario.run('pull_request', { base: shas.base, head: fixed }, { inputs: { 'fail-on': 'error' } });
    expect(rerun.code).toBe(0);
    expect(rerun.outputs.introduced).toBe('0');
    expect(github.reviewComments).toHaveLength(0);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]?.body).toBe(
      '<!-- runtime-guard-review -->\nruntime-guard has no suggestion left on the lines this pull request changes; the sticky comment has the report.',
    );
    expect(github.calls('POST', /\/reviews$/)).toHaveLength(1);
    // Nothing is suggested any more, so the files of the pull request are not even asked for.
    expect(github.calls('GET', /\/pulls\/42\/files$/)).toHaveLength(1);
  });
});
