import { describe, expect, it } from 'vitest';
import { fixture } from '../support/action-run.js';
import type { FakeGitHub } from '../support/fake-github.js';
import { type Scenario, useEmptyWorkspace, useScenario } from '../support/scenario.js';

// example-head: shop-api → axum, tokio, mailer; mailer → async-std.
const LOCK = fixture('lockfiles', 'example-head.Cargo.lock');
const ROOT = '[workspace]\nmembers = ["crates/*"]\n';
const MAILER = '[package]\nname = "mailer"\nversion = "0.1.0"\n\n[dependencies]\nasync-std = "1"\n';
const shopApi = (table: 'dependencies' | 'dev-dependencies') =>
  `[package]\nname = "shop-api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.5"\ntokio = "1"\n${table === 'dev-dependencies' ? '\n[dev-dependencies]\n' : ''}mailer = { path = "../mailer" }\n`;
const workspace = (table: 'dependencies' | 'dev-dependencies') => ({
  'Cargo.lock': LOCK,
  'Cargo.toml': ROOT,
  'crates/shop-api/Cargo.toml': shopApi(table),
  'crates/mailer/Cargo.toml': MAILER,
});

let scenario: Scenario;
let github: FakeGitHub;
const emptyFolder = useEmptyWorkspace();

useScenario((started) => {
  scenario = started;
  github = started.github;
});

describe('the workspace manifests decide which build runs what', () => {
  it('checked out: members with one runtime each are a warning, and the step passes at fail-on error', async () => {
    const shas = scenario.change(workspace('dev-dependencies'), workspace('dev-dependencies'));
    const result = await scenario.run('push', { head: shas.head });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.outputs.report ?? '{}');
    const asyncStd = report.lockfiles[0].runtimes.find((runtime: { family: string }) => runtime.family === 'async-std');
    expect(asyncStd.crates[0].reach).toEqual({ normal: ['mailer'], target: [], build: [], dev: ['shop-api'], optional: [] });
    const finding = report.lockfiles[0].findings.find((candidate: { rule: string }) => candidate.rule === 'multiple-runtimes');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('shop-api runs tokio; mailer runs async-std');
    expect(github.calls('GET', /\/git\/trees\//)).toHaveLength(0);
  });

  it('pull_request_target with nothing checked out: manifests through the API, one tree call per commit, a bounded number of reads', async () => {
    const shas = scenario.change(workspace('dev-dependencies'), workspace('dependencies'));
    const result = await scenario.run('pull_request_target', shas, {
      sha: shas.base,
      workspace: emptyFolder(),
      inputs: { comment: 'never' },
    });
    expect(result.code).toBe(1);
    // The head tree lists lockfiles and member globs; the base tree only the member globs.
    expect(
      github
        .calls('GET', /\/git\/trees\//)
        .map((request) => request.path)
        .sort(),
    ).toEqual([`/repos/shopco/shop/git/trees/${shas.head}`, `/repos/shopco/shop/git/trees/${shas.base}`].sort());
    const manifestReads = github.calls('GET', /\/contents\/.*Cargo\.toml$/);
    expect(
      manifestReads
        .map((request) => `${request.query.get('ref') === shas.head ? 'head' : 'base'} ${request.path.replace(/^.*\/contents\//, '')}`)
        .sort(),
    ).toEqual([
      'base Cargo.toml',
      'base crates/mailer/Cargo.toml',
      'base crates/shop-api/Cargo.toml',
      'head Cargo.toml',
      'head crates/mailer/Cargo.toml',
      'head crates/shop-api/Cargo.toml',
    ]);
    const report = JSON.parse(result.outputs.report ?? '{}');
    const introduced = report.lockfiles[0].findings.filter((finding: { status: string }) => finding.status === 'introduced');
    expect(introduced.map((finding: { severity: string; fingerprint: string }) => `${finding.severity} ${finding.fingerprint}`)).toEqual([
      'error multiple-runtimes:async-std',
    ]);
    expect(introduced[0].message).toContain('shop-api builds both');
  });
});
