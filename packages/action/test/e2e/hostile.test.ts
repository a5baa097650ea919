import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepChainLockfile, invalidUtf8Lockfile, twoRuntimesNamed } from '../../../core/test/support/hostile-lockfiles.js';
import { fixture } from '../support/action-run.js';
import { ACTIONS_BOT, type FakeGitHub } from '../support/fake-github.js';
import { expectResultKept, type Scenario, useScenario } from '../support/scenario.js';

// The security review's findings (issue 17), each played against `node dist/index.js` and the fake GitHub.
const BASE = fixture('lockfiles', 'example-base.Cargo.lock');
const HEAD = fixture('lockfiles', 'example-head.Cargo.lock');
const COMMENTS = /\/issues\/42\/comments$/;
const MARKER = '<!-- runtime-guard -->';
const TOKEN = 'ghs_test-token';

let scenario: Scenario;
let github: FakeGitHub;

useScenario((started) => {
  scenario = started;
  github = started.github;
});

describe('comment ownership (review point 3)', () => {
  it("edits only the token's own comment: a person's and another bot's marked comments stay untouched", async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const person = github.addComment(42, `${MARKER}\nquoted by a person`, { login: 'alice', id: 1, type: 'User' });
    const renovate = github.addComment(42, `${MARKER}\nrenovate`, { login: 'renovate[bot]', id: 2, type: 'Bot' });
    const ours = github.addComment(42, `${MARKER}\nold`, ACTIONS_BOT);
    const result = await scenario.run('pull_request', shas);
    expectResultKept(result, 1);
    expect(github.calls('DELETE', /comments/)).toHaveLength(0);
    expect(github.calls('PATCH', /comments/).map((call) => call.path)).toEqual([`/repos/shopco/shop/issues/comments/${ours.id}`]);
    expect(github.comments.find((comment) => comment.id === person.id)?.body).toBe(`${MARKER}\nquoted by a person`);
    expect(github.comments.find((comment) => comment.id === renovate.id)?.body).toBe(`${MARKER}\nrenovate`);
    expect(github.comments.find((comment) => comment.id === ours.id)?.body).toContain('async-std');
  });

  it('an app token names its author with comment-author; the Actions bot comment is then not ours', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    const actions = github.addComment(42, `${MARKER}\nactions`, ACTIONS_BOT);
    const app = github.addComment(42, `${MARKER}\nold`, { login: 'guard-app[bot]', id: 3, type: 'Bot' });
    await scenario.run('pull_request', shas, { inputs: { 'comment-author': 'guard-app[bot]' } });
    expect(github.comments.find((comment) => comment.id === actions.id)?.body).toBe(`${MARKER}\nactions`);
    expect(github.comments.find((comment) => comment.id === app.id)?.body).toContain('async-std');
  });
});

describe('rate limits: every wait capped (review point 4)', () => {
  it('a secondary rate limit asking for 5,000 s: gives up with a warning, summary and outputs written', { timeout: 60_000 }, async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({
      method: 'POST',
      path: COMMENTS,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '5000' },
    });
    const result = await scenario.run('pull_request', shas);
    expectResultKept(result, 1);
    expect(result.stdout).toMatch(/secondary rate limit .* giving up \(asked to wait 5000 s/);
    expect(result.summary).toMatch(/rate limited/);
    expect(result.summary).not.toMatch(/fork/);
  });
});

describe('workspace confinement (review point 5)', () => {
  const outside = () => {
    const directory = join(scenario.repo.dir, '..', `outside-${Date.now()}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'secret.txt'), 'root:x:0:0:SECRET-CONTENT\n');
    return directory;
  };

  it('a Cargo.lock that links outside GITHUB_WORKSPACE is refused, and nothing of the target is echoed', async () => {
    const target = join(outside(), 'secret.txt');
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    mkdirSync(join(scenario.repo.dir, 'linked'));
    symlinkSync(target, join(scenario.repo.dir, 'linked', 'Cargo.lock'));
    const result = await scenario.run('push', shas, { inputs: { 'fail-on': 'never' } });
    expect(result.code).toBe(1);
    expect(result.stdout + result.summary).toContain('linked/Cargo.lock: a symbolic link to a file outside the workspace');
    expect(result.stdout + result.stderr + result.summary).not.toContain('SECRET-CONTENT');
  });

  it('a policy that links outside, and policy or lockfile paths with .. or absolute, all fall under the one rule', async () => {
    const target = join(outside(), 'secret.txt');
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    symlinkSync(target, join(scenario.repo.dir, 'runtime-guard.toml'));
    const linked = await scenario.run('push', shas);
    expect(linked.summary).toContain('runtime-guard.toml: a symbolic link to a file outside the workspace');
    expect(linked.stdout + linked.summary).not.toContain('SECRET-CONTENT');
    const refusedInputs: Record<string, string>[] = [
      { policy: '../../x.toml' },
      { policy: '/etc/passwd' },
      { lockfiles: '../../x/Cargo.lock' },
      { lockfiles: '/x/Cargo.lock' },
    ];
    for (const inputs of refusedInputs) {
      const refused = await scenario.run('push', shas, { inputs });
      expect(refused.code, JSON.stringify(inputs)).toBe(1);
      expect(refused.summary, JSON.stringify(inputs)).toMatch(
        /expected a path inside the repository; this one (is absolute|leads outside)/,
      );
    }
  });
});

describe('bounded output: report file, inline report, error lines (review points 1, 7, 8)', () => {
  it('the 3 MB deep chain: outputs written, a bounded inline report, the full one in report-file, an honest summary', {
    timeout: 300_000,
  }, async () => {
    // A team entry for async-std gives one finding per version line (the advisory rule gives one per advisory).
    const shas = scenario.change(
      { 'Cargo.lock': BASE },
      {
        'Cargo.lock': deepChainLockfile(20_000, 2_000),
        'runtime-guard.toml': '[[discouraged]]\ncrate = "async-std"\nreason = "we use tokio"\n',
      },
    );
    let kept = '';
    const result = await scenario.run('pull_request', shas, {
      inputs: { 'fail-on': 'never', comment: 'never' },
      keep: (outputs) => {
        kept = readFileSync(outputs['report-file'] ?? '', 'utf8');
      },
    });
    expect(result.code).toBe(0);
    expect((result.outputs.report ?? '').length).toBeLessThanOrEqual(256 * 1024);
    const inline = JSON.parse(result.outputs.report ?? '{}');
    expect(inline.truncated.findingsLeftOut).toBeGreaterThan(0);
    expect(inline.truncated.reportFile).toBe(result.outputs['report-file']);
    const full = JSON.parse(kept);
    expect(full.lockfiles[0].findings.length).toBe(inline.lockfiles[0].findings.length + inline.truncated.findingsLeftOut);
    // Grouped by root cause, the 2,000 discouraged versions are one finding's related crates: the summary
    // names 20 and says where the rest is, never a hard cut.
    expect(result.summary).toContain('more (all in the JSON and SARIF outputs)');
    expect(result.summary).not.toContain('cut to fit');
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThan(100_000);
  });

  it('an error line is bounded: a policy value of 200 KB is not echoed whole', async () => {
    const shas = scenario.change(
      { 'Cargo.lock': BASE },
      { 'Cargo.lock': HEAD, 'runtime-guard.toml': `[[discouraged]]\ncrate = "x"\nversions = "${'9'.repeat(200_000)}"\nreason = "r"\n` },
    );
    const result = await scenario.run('push', shas);
    expect(result.code).toBe(1);
    expect(result.summary).toContain('versions');
    expect(result.summary.length).toBeLessThan(5_000);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThan(5_000);
  });
});

describe('text shown as written, secrets never (review points 6, 9, 10)', () => {
  it('apostrophes, control, bidi and zero-width characters in comments and summaries', async () => {
    const name = "we-don't\u001b[2J\u0007\u202e\u200bx";
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': twoRuntimesNamed(name) });
    const result = await scenario.run('pull_request', shas, { inputs: { comment: 'always' } });
    const comment = github.comments[0]?.body ?? '';
    for (const text of [comment, result.summary]) {
      expect(text).not.toContain('&#39;');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not reach the comment
      expect(text).not.toMatch(/[\u0007\u001b\u202e\u200b]/);
      expect(text).toContain('\\u{202e}');
      expect(text).toContain("don't");
    }
  });

  it('a token echoed in an API error is scrubbed from the summary; 401 is told apart from a fork', async () => {
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    github.faults.push({ method: 'GET', path: COMMENTS, status: 401, body: { message: `Bad credentials for ${TOKEN}` } });
    const result = await scenario.run('pull_request', shas);
    expectResultKept(result, 1);
    expect(result.summary).not.toContain(TOKEN);
    expect(result.outputs.report).not.toContain(TOKEN);
    expect(result.summary).toMatch(/refused the token \(bad credentials/);
    expect(result.summary).not.toMatch(/fork/);
  });
});

describe('invalid UTF-8 (review point 12)', () => {
  it('a lockfile with a byte that is not UTF-8 is refused with its byte offset', async () => {
    const { bytes, offset } = invalidUtf8Lockfile();
    const shas = scenario.change({ 'Cargo.lock': BASE }, { 'Cargo.lock': HEAD });
    writeFileSync(join(scenario.repo.dir, 'Cargo.lock'), bytes);
    const result = await scenario.run('push', shas);
    expect(result.code).toBe(1);
    expect(result.summary).toContain(`Cargo.lock:4: not valid UTF-8: byte 0xff at offset ${offset}`);
  });
});
