import { describe, expect, it } from 'vitest';
import { analyze, buildGraph, type Finding, loadPolicy, parseLockfile, type Report } from '../src/index.js';
import { FIXTURES, fixtureGraph } from './support/fixtures.js';
import { tinyLockfile } from './support/lockfiles.js';

const TODAY = '2026-11-24';
const run = (fixture: string, policyText?: string): Report =>
  analyze(fixtureGraph(fixture), policyText === undefined ? undefined : loadPolicy(policyText), { today: TODAY });
/** Every finding of a rule, grouped ones included (a discouraged async-std comes with its runtime finding). */
const ofRule = (report: Report, rule: Finding['rule']): Omit<Finding, 'related'>[] =>
  report.findings.flatMap((finding) => [finding, ...finding.related]).filter((finding) => finding.rule === rule);
const chain = (path: readonly { name: string; version: string }[]): string =>
  path.map((step) => `${step.name}@${step.version}`).join(' > ');

describe('runtime detection', () => {
  it('sees only tokio in a tokio + axum workspace, and no multiple-runtimes', () => {
    const report = run('example-base.Cargo.lock');
    expect(report.runtimes.map((runtime) => [runtime.family, runtime.evidence])).toEqual([['tokio', 'executor']]);
    expect(report.primaryRuntime).toMatchObject({ family: 'tokio', reason: 'only' });
    expect(report.frameworks.map((framework) => `${framework.crate} ${framework.version} ${framework.runtime}`)).toEqual([
      'axum 0.5.17 tokio',
      'hyper 0.14.32 tokio',
    ]);
    expect(report.findings).toEqual([]);
  });

  it('never counts smol building blocks alone as a second runtime (deno)', () => {
    const report = run(FIXTURES.denoLarge);
    const smol = report.runtimes.find((runtime) => runtime.family === 'smol');
    expect(smol?.evidence).toBe('building-block');
    expect(smol?.crates.map((crate) => crate.name)).toContain('futures-lite');
    expect(ofRule(report, 'multiple-runtimes')).toEqual([]);
  });
});

describe('multiple-runtimes', () => {
  it("gives one finding for the extra async-std, with its path and the primary tokio's", () => {
    const findings = ofRule(run(FIXTURES.sqlxBeforeAxum), 'multiple-runtimes');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      crate: 'async-std',
      version: '1.12.0',
      fingerprint: 'multiple-runtimes:async-std',
      message:
        'async-std 1.12.0 runs a second async runtime in this lockfile, next to tokio 1.20.0 (primary): each runtime has its own threads and reactor, and I/O of one panics inside the other. Primary: tokio is the only runtime to keep; async-std is discontinued by its maintainers (RUSTSEC-2025-0052).',
      suggestion: 'Keep tokio, on tokio 1: move sqlx, sqlx-rt and sqlx-test from async-std to tokio 1 (they depend on async-std directly).',
      rootsReaching: 15,
      docsUrl: 'https://github.com/runtime-guard/runtime-guard/blob/main/packages/core/README.md#rule-multiple-runtimes',
    });
    expect(findings[0]?.paths.map(chain)).toEqual(['sqlx@0.6.0 > async-std@1.12.0', 'files@0.1.0 > tokio@1.20.0']);
    expect(findings[0]?.line).toBeGreaterThan(0);
  });

  it('gives one finding per extra runtime of sqlx, each fingerprinted by its family', () => {
    const findings = ofRule(run(FIXTURES.sqlxMultiRuntime), 'multiple-runtimes');
    expect(findings.map((finding) => finding.fingerprint)).toEqual(['multiple-runtimes:async-std', 'multiple-runtimes:smol']);
    expect(findings[1]?.message).toBe(
      'smol 2.0.2 (with async-global-executor 3.1.0) runs one of 3 async runtimes in this lockfile, next to tokio 1.46.1 (primary) and async-std 1.13.1: each runtime has its own threads and reactor, and I/O of one panics inside the other. Primary: 20 workspace members depend on tokio directly; async-std is discontinued by its maintainers (RUSTSEC-2025-0052).',
    );
  });

  it('finds the runtime a new member adds in the bundled example', () => {
    const [finding] = ofRule(run('example-head.Cargo.lock'), 'multiple-runtimes');
    expect(finding?.paths.map(chain)).toEqual(['mailer@0.1.0 > async-std@1.13.1', 'shop-api@0.1.0 > tokio@1.46.1']);
  });

  it('names the policy as the source of the primary runtime', () => {
    const [finding] = ofRule(run(FIXTURES.sqlxBeforeAxum, 'runtime = "async-std"'), 'multiple-runtimes');
    expect(finding?.message).toBe(
      "tokio 1.20.0 runs a second async runtime in this lockfile, next to async-std 1.12.0 (primary): each runtime has its own threads and reactor, and I/O of one panics inside the other. Primary: async-std is the policy's runtime.",
    );
  });
});

describe('runtime-version-split', () => {
  it('reports tokio 0.2 next to tokio 1 (vaultwarden on its way to tokio 1)', () => {
    const findings = ofRule(run(FIXTURES.vaultwardenTokioSplit), 'runtime-version-split');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      crate: 'tokio',
      version: '0.2.25',
      severity: 'error',
      fingerprint: 'runtime-version-split:tokio:0.2',
      suggestion: 'Move to tokio 1: upgrade or replace the crates on the path above that need tokio 0.2.',
    });
    expect(findings[0]?.paths.map(chain)).toEqual([
      'bitwarden_rs@1.0.0 > yubico@0.9.1 > reqwest@0.10.10 > tokio@0.2.25',
      'bitwarden_rs@1.0.0 > reqwest@0.11.0 > tokio@1.1.1',
    ]);
  });

  it('is quiet with one tokio line', () => {
    expect(ofRule(run(FIXTURES.vaultwardenBeforeTokio1), 'runtime-version-split')).toEqual([]);
  });
});

describe('framework-runtime-mismatch', () => {
  it('flags tide when the policy says tokio, with what to use instead', () => {
    const findings = ofRule(run(FIXTURES.sqlxTideV1, 'runtime = "tokio"'), 'framework-runtime-mismatch');
    expect(findings.map((finding) => [finding.crate, finding.message, finding.suggestion])).toEqual([
      [
        'tide',
        'tide 0.5.1 (Tide) runs on async-std through async-std, http-types, but the primary runtime of this lockfile is tokio.',
        'Use axum (on tokio) or trillium (on the runtime its adapter selects) instead.',
      ],
    ]);
  });

  it('flags tide, not hyper 0.12, once the discontinued async-std is not primary', () => {
    const findings = ofRule(run(FIXTURES.sqlxTideV1), 'framework-runtime-mismatch');
    expect(findings.map((finding) => finding.fingerprint)).toEqual(['framework-runtime-mismatch:tide@0.5']);
  });

  it('flags hyper 0.12 (tokio) when the policy makes async-std primary', () => {
    const findings = ofRule(run(FIXTURES.sqlxTideV1, 'runtime = "async-std"'), 'framework-runtime-mismatch');
    expect(findings.map((finding) => finding.fingerprint)).toEqual(['framework-runtime-mismatch:hyper@0.12']);
  });

  it('reads rocket 0.5.0-dev as the tokio line and rocket 0.3 as synchronous', () => {
    const split = run(FIXTURES.vaultwardenV2);
    expect(split.frameworks.find((framework) => framework.crate === 'rocket')).toMatchObject({ version: '0.5.0-dev', runtime: 'tokio' });
    const old = run(FIXTURES.vaultwardenV1);
    expect(old.frameworks.find((framework) => framework.crate === 'rocket')).toMatchObject({ version: '0.3.6', runtime: 'none' });
  });
});

/** event-listener 5.4.0 in the example has an unsoundness advisory; these tests are about async-std. */
const QUIET = '\n[advisories]\nseverity = { "RUSTSEC-2026-0221" = "off" }\n';

describe('discouraged-crate', () => {
  it('reports async-std from its advisory: id, date, title, the alternative it names and its page', () => {
    const [finding] = ofRule(run('example-head.Cargo.lock'), 'rustsec-advisory');
    expect(finding).toMatchObject({
      crate: 'async-std',
      version: '1.13.1',
      severity: 'warning',
      message: 'async-std 1.13.1: RustSec unmaintained advisory RUSTSEC-2025-0052 (2025-08-24): async-std has been discontinued.',
      suggestion: 'Use smol instead.',
      fingerprint: 'rustsec-advisory:RUSTSEC-2025-0052',
      reference: 'https://rustsec.org/advisories/RUSTSEC-2025-0052',
    });
    expect(ofRule(run('example-head.Cargo.lock'), 'discouraged-crate')).toEqual([]);
  });

  it('adds the policy own entries', () => {
    const report = run(
      'example-base.Cargo.lock',
      '[[discouraged]]\ncrate = "hyper"\nversions = "<1"\nreason = "we moved to hyper 1"\nuse-instead = ["hyper 1"]\n',
    );
    expect(ofRule(report, 'discouraged-crate').map((finding) => finding.message)).toEqual([
      'hyper 0.14.32 is discouraged: we moved to hyper 1.',
    ]);
  });
});

describe('disallowed-runtime', () => {
  it('reports a runtime outside allowed-runtimes', () => {
    const findings = ofRule(run(FIXTURES.sqlxMultiRuntime, 'allowed-runtimes = ["tokio", "smol"]'), 'disallowed-runtime');
    expect(findings.map((finding) => [finding.crate, finding.message])).toEqual([
      ['async-std', 'async-std 1.13.1 brings the async-std runtime, which the policy does not allow (allowed: tokio, smol).'],
    ]);
  });

  it('is off without allowed-runtimes', () => {
    expect(ofRule(run(FIXTURES.sqlxMultiRuntime), 'disallowed-runtime')).toEqual([]);
  });
});

describe('policy effects', () => {
  it('overrides severities and turns rules off', () => {
    const report = run('example-head.Cargo.lock', '[severity]\nmultiple-runtimes = "warning"\ndiscouraged-crate = "off"\n');
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['multiple-runtimes', 'warning']]);
  });

  it('an exception suppresses the finding and is listed with its reason', () => {
    const report = run('example-head.Cargo.lock', '[[allow]]\ncrate = "async-std"\nreason = "mailer moves to tokio in Q1"\n' + QUIET);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((entry) => [entry.fingerprint, entry.reason, entry.origin])).toEqual([
      ['multiple-runtimes:async-std', 'mailer moves to tokio in Q1', 'runtime-guard.toml:1'],
      ['rustsec-advisory:RUSTSEC-2025-0052', 'mailer moves to tokio in Q1', 'runtime-guard.toml:1'],
    ]);
  });

  it('an exception limited to some rules leaves the others', () => {
    const report = run(
      'example-head.Cargo.lock',
      '[[allow]]\ncrate = "async-std"\nreason = "known"\nrules = ["rustsec-advisory"]\n' + QUIET,
    );
    expect(report.findings.map((finding) => finding.rule)).toEqual(['multiple-runtimes']);
  });

  it('an expired exception no longer applies, and a notice says so', () => {
    const report = run(
      'example-head.Cargo.lock',
      '[[allow]]\ncrate = "async-std"\nreason = "until the migration"\nexpires = 2026-11-23\n' + QUIET,
    );
    expect(report.findings.flatMap((finding) => [finding, ...finding.related]).map((finding) => [finding.rule, finding.severity])).toEqual([
      ['multiple-runtimes', 'error'],
      ['rustsec-advisory', 'warning'],
      ['expired-exception', 'notice'],
    ]);
    expect(ofRule(report, 'expired-exception')[0]?.message).toBe(
      'The exception for async-std * (runtime-guard.toml:1: "until the migration") expired on 2026-11-23 and no longer applies.',
    );
    // The day of expiry itself still counts.
    const lastDay = run(
      'example-head.Cargo.lock',
      '[[allow]]\ncrate = "async-std"\nreason = "until the migration"\nexpires = 2026-11-24\n' + QUIET,
    );
    expect(lastDay.findings).toEqual([]);
  });

  it('a via exception applies only when every direct dependent is listed', () => {
    const allowedVia = run('example-head.Cargo.lock', '[[allow]]\ncrate = "async-std"\nreason = "mail only"\nvia = ["mailer"]\n' + QUIET);
    expect(allowedVia.findings).toEqual([]);
    const wrongVia = run('example-head.Cargo.lock', '[[allow]]\ncrate = "async-std"\nreason = "db only"\nvia = ["sqlx-core"]\n' + QUIET);
    expect(
      ofRule(wrongVia, 'rustsec-advisory')
        .concat(ofRule(wrongVia, 'multiple-runtimes'))
        .map((finding) => finding.rule),
    ).toEqual(['rustsec-advisory', 'multiple-runtimes']);
  });

  it('a version-limited exception does not cover other versions', () => {
    const report = run('example-head.Cargo.lock', '[[allow]]\ncrate = "async-std"\nversions = "<1"\nreason = "old only"\n' + QUIET);
    expect(report.findings.flatMap((finding) => [finding, ...finding.related]).map((finding) => finding.rule)).toEqual([
      'multiple-runtimes',
      'rustsec-advisory',
    ]);
  });
});

describe('fingerprints', () => {
  it('stay the same across a patch upgrade and change with a new runtime', () => {
    const before = tinyLockfile([
      { name: 'app', version: '0.1.0', registry: false, dependencies: ['tokio', 'async-std'] },
      { name: 'async-std', version: '1.12.0' },
      { name: 'tokio', version: '1.46.0' },
    ]);
    const after = before.replace('1.12.0', '1.13.1').replace('1.46.0', '1.47.1');
    const fingerprints = (text: string) =>
      analyze(buildGraph(parseLockfile(text)), undefined, { today: TODAY }).findings.flatMap((finding) => [
        finding.fingerprint,
        ...finding.related.map((related) => related.fingerprint),
      ]);
    expect(fingerprints(after)).toEqual(fingerprints(before));
    expect(fingerprints(before)).toEqual(['multiple-runtimes:async-std', 'rustsec-advisory:RUSTSEC-2025-0052']);
  });
});
