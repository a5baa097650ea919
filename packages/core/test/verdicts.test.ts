import { describe, expect, it } from 'vitest';
import {
  analyze,
  auditLockfiles,
  buildGraph,
  defaultPolicy,
  type Finding,
  loadPolicy,
  parseLockfile,
  type Report,
  renderMarkdown,
  renderSarif,
  renderText,
  verdict,
} from '../src/index.js';
import { fixtureGraph, readFixture } from './support/fixtures.js';

/** The verdicts of issue 12, each on the real lockfile it was seen on (copies in fixtures/corpus). */
const TODAY = '2026-11-24';
/** These verdicts are about runtimes; advisories have their own tests (advisories.rules.test.ts). */
const RUNTIMES_ONLY = loadPolicy('[advisories]\nscope = "off"\n', 'runtime-guard.toml');
/** Advisories about the runtime and web stack only: they group under the runtime findings they come with. */
const RUNTIME_ADVISORIES = loadPolicy('[advisories]\nscope = "runtime"\n', 'runtime-guard.toml');
const corpus = (name: string, policy = RUNTIMES_ONLY): Report => analyze(fixtureGraph(`corpus/${name}`), policy, { today: TODAY });
const summary = (finding: Finding) => `${finding.severity} ${finding.rule} ${finding.crate} ${finding.version}`;
const evidence = (report: Report) => report.runtimes.map((runtime) => `${runtime.family}:${runtime.evidence}`);

describe('1. a diff says what the change did (sqlx v4 adding its smol runtime)', () => {
  const audit = () =>
    auditLockfiles(
      [
        {
          path: 'Cargo.lock',
          base: readFixture('sqlx__9d6bf662.v4-without-smol.Cargo.lock'),
          head: readFixture('corpus/sqlx__9d6bf662.v4-multi-runtime.Cargo.lock'),
        },
      ],
      undefined,
      { today: TODAY },
    );

  it('introduces smol alone; async-std was there before and is unchanged', () => {
    const result = audit();
    const diff = result.lockfiles[0]?.diff;
    expect(diff?.head.primaryRuntime).toMatchObject({ family: 'tokio', reason: 'base' });
    expect(diff?.findings.introduced.map(summary)).toEqual(['error multiple-runtimes smol 2.0.2']);
    expect(diff?.findings.introduced[0]?.fingerprint).toBe('multiple-runtimes:smol');
    expect(diff?.findings.introduced[0]?.message).toBe(
      "smol 2.0.2 (with async-global-executor 3.1.0) runs one of 3 async runtimes in this lockfile, next to tokio 1.46.1 (primary) and async-std 1.13.1: each runtime has its own threads and reactor, and I/O of one panics inside the other. Primary: tokio is the base branch's primary runtime; async-std is discontinued by its maintainers (RUSTSEC-2025-0052).",
    );
    expect(diff?.findings.resolved).toEqual([]);
    expect(diff?.findings.unchanged.map((finding) => finding.fingerprint)).toContain('multiple-runtimes:async-std');
    expect(verdict(result)).toBe('This change adds smol 2.0.2, a third async runtime next to tokio 1.46.1 and async-std 1.13.1.');
  });

  it('removing it again resolves that one finding only', () => {
    const diff = auditLockfiles(
      [
        {
          path: 'Cargo.lock',
          base: readFixture('corpus/sqlx__9d6bf662.v4-multi-runtime.Cargo.lock'),
          head: readFixture('sqlx__9d6bf662.v4-without-smol.Cargo.lock'),
        },
      ],
      undefined,
      { today: TODAY },
    ).lockfiles[0]?.diff;
    expect(diff?.findings.resolved.map((finding) => finding.fingerprint)).toEqual(['multiple-runtimes:smol']);
    expect(diff?.findings.introduced).toEqual([]);
  });

  it('still reports adding async-std next to tokio as an introduced multiple-runtimes error', () => {
    const result = auditLockfiles(
      [{ path: 'Cargo.lock', base: readFixture('example-base.Cargo.lock'), head: readFixture('example-head.Cargo.lock') }],
      undefined,
      { today: TODAY },
    );
    expect(result.lockfiles[0]?.diff.findings.introduced.map(summary)).toEqual(['error multiple-runtimes async-std 1.13.1']);
    expect(verdict(result)).toBe('This change adds async-std 1.13.1, a second async runtime next to tokio 1.46.1.');
  });

  it('lists introduced findings in full, unchanged and resolved ones a line each (text), unchanged collapsed (Markdown)', () => {
    const text = renderText(audit());
    expect(text).toMatch(/introduced:\n {2}error {3}multiple-runtimes {11}smol 2\.0\.2 \(with/);
    expect(text).toMatch(/unchanged:\n {2}error {3}multiple-runtimes {11}async-std 1\.13\.1: async-std 1\.13\.1 runs/);
    expect(text.split('\n').filter((line) => line.includes('→ Keep tokio'))).toHaveLength(1);
    const markdown = renderMarkdown(audit());
    expect(markdown.indexOf('### Introduced')).toBeLessThan(markdown.indexOf('<details>'));
    expect(markdown.slice(markdown.indexOf('<details>'))).toContain('#### Unchanged findings');
  });
});

describe('2. which runtime is primary', () => {
  for (const file of [
    'launchbadge__sqlx__e419bf9.Cargo.lock',
    'launchbadge__sqlx__22f1f93.Cargo.lock',
    'sqlx__da72e2ee.v1-tide.Cargo.lock',
  ]) {
    it(`never crowns the discontinued async-std next to tokio (${file})`, () => {
      const report = corpus(file);
      expect(report.primaryRuntime).toEqual({
        family: 'tokio',
        reason: 'only',
        explanation: 'tokio is the only runtime to keep; async-std is discontinued by its maintainers (RUSTSEC-2025-0052)',
      });
      const runtime = report.findings.find((finding) => finding.rule === 'multiple-runtimes');
      expect(runtime?.crate).toBe('async-std');
      expect(runtime?.suggestion).toMatch(/^Keep tokio, on tokio 1: /);
      expect(JSON.stringify(report.findings)).not.toContain('Keep one runtime (async-std)');
    });
  }

  it('advises the move when the only runtime is discouraged (TechEmpower tide)', () => {
    const report = corpus('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-tide.Cargo.lock');
    expect(report.primaryRuntime).toEqual({
      family: 'async-std',
      reason: 'only',
      explanation:
        'async-std is the only runtime that runs in this lockfile; async-std is discontinued by its maintainers (RUSTSEC-2025-0052): move to tokio 1 or smol 2',
    });
  });

  it("puts the policy's runtime before everything else", () => {
    const report = analyze(fixtureGraph('corpus/launchbadge__sqlx__e419bf9.Cargo.lock'), loadPolicy('runtime = "async-std"'), {
      today: TODAY,
    });
    expect(report.primaryRuntime).toEqual({ family: 'async-std', reason: 'policy', explanation: "async-std is the policy's runtime" });
  });
});

describe('3. evidence that a runtime runs', () => {
  it('reads tokio with only pin-project-lite as I/O types: ohkami rt_smol is a smol application', () => {
    const report = corpus('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-ohkami-rt_smol.Cargo.lock');
    expect(evidence(report)).toEqual(['tokio:io-types', 'smol:executor']);
    expect(report.runtimes[0]?.reasons).toEqual([
      'tokio 1.49.0 has no reactor, no macros and no dependent known to start it: its I/O types only',
    ]);
    expect(report.primaryRuntime).toMatchObject({ family: 'smol', reason: 'only' });
    expect(report.findings.map(summary)).toEqual(['notice multiple-runtimes tokio 1.49.0']);
    expect(report.findings[0]?.message).toBe(
      'tokio 1.49.0 is in this lockfile for its I/O types only, next to smol 2.0.2 (primary): tokio 1.49.0 has no reactor, no macros and no dependent known to start it: its I/O types only. Its types need a Tokio runtime to do I/O.',
    );
  });

  it("counts async-std 1.6's smol 0.1 as its own machinery, and reads tokio's reactor from its mio edge (sqlx e419bf9)", () => {
    const report = corpus('launchbadge__sqlx__e419bf9.Cargo.lock');
    expect(evidence(report)).toEqual(['tokio:executor', 'async-std:executor', 'smol:building-block']);
    expect(report.runtimes[1]?.reasons).toEqual([
      "async-std 1.6.2 is async-std's executor",
      'smol 0.1.18 is its own machinery, not a second runtime',
    ]);
    expect(report.runtimes[0]?.reasons).toEqual(
      expect.arrayContaining([
        'tokio 0.2.22 depends on mio: its reactor (io-driver)',
        'actix-rt 1.1.1 starts it (actix-rt runs its system on a tokio runtime)',
      ]),
    );
    expect(report.findings.filter((finding) => finding.rule === 'multiple-runtimes').map(summary)).toEqual([
      'error multiple-runtimes async-std 1.6.2',
    ]);
  });

  it("counts async-std 1.9's async-global-executor as its own machinery (TechEmpower tide)", () => {
    const report = corpus('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-tide.Cargo.lock');
    expect(evidence(report)).toEqual(['async-std:executor', 'smol:building-block']);
    expect(report.findings.filter((finding) => finding.rule === 'multiple-runtimes')).toEqual([]);
  });

  it('reads async-global-executor without async-std above it as the smol family (sqlx v4)', () => {
    const report = corpus('sqlx__9d6bf662.v4-multi-runtime.Cargo.lock');
    expect(report.runtimes.find((runtime) => runtime.family === 'smol')?.crates.map((crate) => `${crate.name} ${crate.version}`)).toEqual([
      'smol 2.0.2',
      'async-global-executor 3.1.0',
    ]);
  });

  it('puts tokio-core, tokio-io and the other 0.1-era crates on the tokio 0.1 line (nushell 9c375b33)', () => {
    const report = corpus('nushell__nushell__9c375b33.Cargo.lock', RUNTIME_ADVISORIES);
    const split = report.findings.find((finding) => finding.fingerprint === 'runtime-version-split:tokio:0.1');
    expect(split?.message).toContain('tokio-core 0.1.18');
    expect(split?.message).toContain('tokio-io 0.1.13');
    expect(split?.related.map((related) => related.crate)).toEqual(expect.arrayContaining(['tokio-core', 'tokio-io']));
  });
});

describe('4. only registry packages match the knowledge base', () => {
  it("does not flag TechEmpower's own path crate named tide as the unmaintained tide", () => {
    const report = corpus('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-tide.Cargo.lock', defaultPolicy);
    const all = report.findings.flatMap((finding) => [finding, ...finding.related]);
    expect(
      all.filter((finding) => finding.severity === 'warning').map((finding) => `${finding.rule} ${finding.crate} ${finding.version}`),
    ).toEqual(['rustsec-advisory async-std 1.9.0', 'rustsec-advisory http-types 2.10.0', 'rustsec-advisory tide 0.16.0']);
    expect(all.map((finding) => finding.crate)).toContain('instant');
    expect(all.some((finding) => finding.crate === 'tide' && finding.version === '0.1.0')).toBe(false);
  });
});

describe('4b. git sources', () => {
  it('matches a git package named like a known crate, and says it is git', () => {
    const text = [
      'version = 3',
      '',
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["async-std", "tokio"]',
      '',
      '[[package]]\nname = "async-std"\nversion = "1.13.1"\nsource = "git+https://github.com/example/async-std?branch=main#0123456789abcdef"',
      '',
      '[[package]]\nname = "tokio"\nversion = "1.46.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '',
    ].join('\n');
    const report = analyze(buildGraph(parseLockfile(text)), undefined, { today: TODAY });
    expect(report.findings.map((finding) => finding.message.split(' runs ')[0])).toEqual(['async-std 1.13.1 (git)']);
  });
});

describe('5. one finding per root cause', () => {
  const names = (report: Report) =>
    report.findings.flatMap((finding) => [finding.crate, ...finding.related.map((related) => related.crate)]);
  it('sqlx 22f1f93: 2 top-level findings, every advisory of the runtime stack grouped under its cause', () => {
    const report = corpus('launchbadge__sqlx__22f1f93.Cargo.lock', RUNTIME_ADVISORIES);
    expect(report.findings.map(summary)).toEqual(['error multiple-runtimes async-std 1.6.2', 'error runtime-version-split tokio 0.1.22']);
    expect(new Set(names(report))).toEqual(
      new Set([
        'async-std',
        'tide',
        'tokio',
        'socket2',
        'hyper',
        'tokio-current-thread',
        'tokio-executor',
        'tokio-io',
        'tokio-reactor',
        'tokio-tcp',
        'tokio-threadpool',
        'tokio-timer',
        'tokio-sync',
        'net2',
      ]),
    );
    const split = report.findings[1];
    expect(split?.related.map((related) => `${related.relation} ${related.rule} ${related.crate} ${related.version}`)).toEqual([
      'same-cause discouraged-crate tokio 0.1.22',
      'same-cause discouraged-crate hyper 0.12.35',
      'same-cause rustsec-advisory hyper 0.12.35',
      'same-cause rustsec-advisory tokio-current-thread 0.1.7',
      'same-cause rustsec-advisory tokio-executor 0.1.10',
      'same-cause rustsec-advisory tokio-io 0.1.13',
      'same-cause rustsec-advisory tokio-reactor 0.1.12',
      'same-cause rustsec-advisory tokio-tcp 0.1.4',
      'same-cause rustsec-advisory tokio-threadpool 0.1.18',
      'same-cause rustsec-advisory tokio-timer 0.2.13',
      'reached-through rustsec-advisory tokio-sync 0.1.8',
      'reached-through rustsec-advisory net2 0.2.34',
      'same-cause rustsec-advisory net2 0.2.34',
    ]);
  });

  it('nushell 9c375b33 and Plume: at most 4 top-level findings each, the 0.1-era advisories under the tokio 0.1 split', () => {
    // nushell: 3, since surf 1.0.3 (isahc, no runtime) no longer stands as a framework mismatch of its own.
    expect(corpus('nushell__nushell__9c375b33.Cargo.lock', RUNTIME_ADVISORIES).findings.map(summary)).toEqual([
      'error multiple-runtimes async-std 1.9.0',
      'error runtime-version-split tokio 0.1.22',
      'error runtime-version-split tokio 0.2.24',
    ]);
    expect(corpus('Plume-org__Plume__befea20f.Cargo.lock', RUNTIME_ADVISORIES).findings).toHaveLength(4);
  });

  it('keeps every grouped finding in SARIF at its own line', () => {
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: readFixture('corpus/launchbadge__sqlx__22f1f93.Cargo.lock') }], undefined, {
      today: TODAY,
    });
    const report = audit.lockfiles[0]?.diff.head as Report;
    const results = JSON.parse(renderSarif(audit)).runs[0].results as {
      locations: { physicalLocation: { region: { startLine: number } } }[];
    }[];
    expect(results).toHaveLength(report.findings.reduce((sum, finding) => sum + 1 + finding.related.length, 0));
    expect(results.map((result) => result.locations[0]?.physicalLocation.region.startLine)).toContain(
      report.findings[1]?.related.find((related) => related.crate === 'net2')?.line,
    );
  });
});

describe('6. advice that is true', () => {
  it('names tokio 1 as the target of a split, lists lines as English, and says "this lockfile" (Plume)', () => {
    const report = corpus('Plume-org__Plume__befea20f.Cargo.lock');
    const split = report.findings.filter((finding) => finding.rule === 'runtime-version-split');
    expect(split.map((finding) => finding.suggestion)).toEqual([
      'Move to tokio 1: upgrade or replace the crates on the path above that need tokio 0.1.',
      'Move to tokio 1: upgrade or replace the crates on the path above that need tokio 0.2.',
    ]);
    expect(split[0]?.message).toContain('tokio 0.1, 0.2 and 1.x are all in this lockfile.');
    expect(JSON.stringify(report)).not.toContain('this build');
  });

  it('never offers ureq as a client that runs on tokio (nushell surf)', () => {
    const report = corpus('nushell__nushell__9c375b33.Cargo.lock');
    const every = report.findings.flatMap((finding) => [finding, ...finding.related]);
    const surf = every.filter((finding) => finding.rule === 'framework-runtime-mismatch' && finding.crate === 'surf');
    // surf 2.2.0 runs on async-std; surf 1.0.3 is isahc (curl) by default and needs no runtime
    // (https://github.com/http-rs/surf/blob/1.0.3/Cargo.toml): no mismatch for it.
    expect(surf.map((finding) => finding.version)).toEqual(['2.2.0']);
    expect(surf[0]?.suggestion).toBe('Use reqwest (on tokio) or ureq (blocking, no runtime) instead.');
  });

  it('locates the multiple-runtimes SARIF result at the crate that brings the extra runtime', () => {
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: readFixture('corpus/launchbadge__sqlx__e419bf9.Cargo.lock') }], undefined, {
      today: TODAY,
    });
    const finding = audit.lockfiles[0]?.diff.head.findings.find((candidate) => candidate.rule === 'multiple-runtimes');
    const asyncStdLine = readFixture('corpus/launchbadge__sqlx__e419bf9.Cargo.lock').split('\n').indexOf('name = "async-std"');
    expect(finding?.line).toBe(asyncStdLine);
  });
});
