import { describe, expect, it } from 'vitest';
import { analyze, bundledAdvisories, type Finding, isAffected, loadPolicy, type Report } from '../src/index.js';
import { fixtureGraph } from './support/fixtures.js';

const TODAY = '2026-11-24';
const corpus = (name: string, policyText = ''): Report =>
  analyze(fixtureGraph(`corpus/${name}`), loadPolicy(policyText, 'runtime-guard.toml'), { today: TODAY });
const all = (report: Report): Omit<Finding, 'related'>[] =>
  report.findings.flatMap((finding) => [finding, ...finding.related]).filter((finding) => finding.rule === 'rustsec-advisory');
const byId = (report: Report) => new Map(all(report).map((finding) => [finding.fingerprint.replace('rustsec-advisory:', ''), finding]));

describe('rustsec-advisory on real lockfiles', () => {
  it('finds the advisories the hand-written list lacked, each at the affected crate', () => {
    const expectations: [string, string, string][] = [
      ['GreptimeTeam__greptimedb__7fd0a7bb.Cargo.lock', 'RUSTSEC-2026-0173', 'proc-macro-error2 2.0.1'],
      ['vaultwarden__5cd40c63.v1.Cargo.lock', 'RUSTSEC-2025-0061', 'iron 0.6.0'],
      ['nushell__nushell__9c375b33.Cargo.lock', 'RUSTSEC-2020-0162', 'tokio-proto 0.1.1'],
      ['TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-tide.Cargo.lock', 'RUSTSEC-2026-0174', 'http-types 2.10.0'],
      ['TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-actix.Cargo.lock', 'RUSTSEC-2025-0134', 'rustls-pemfile'],
    ];
    for (const [lockfile, id, crate] of expectations) {
      const finding = byId(corpus(lockfile)).get(id);
      expect(finding?.message, `${id} in ${lockfile}`).toContain(`${crate}`);
      expect(finding?.reference).toBe(`https://rustsec.org/advisories/${id}`);
    }
  });

  it('finds the tokio 0.1-era advisories (RUSTSEC-2026-0050 to -0065) on nushell, as warnings', () => {
    const found = byId(corpus('nushell__nushell__9c375b33.Cargo.lock'));
    const era = [...found.entries()].filter(([id]) => id >= 'RUSTSEC-2026-0050' && id <= 'RUSTSEC-2026-0065');
    expect(era.map(([, finding]) => finding.crate).sort()).toEqual([
      'tokio-codec',
      'tokio-current-thread',
      'tokio-executor',
      'tokio-fs',
      'tokio-io',
      'tokio-reactor',
      'tokio-sync',
      'tokio-tcp',
      'tokio-threadpool',
      'tokio-timer',
      'tokio-tls',
      'tokio-udp',
      'tokio-uds',
    ]);
    expect(era.every(([, finding]) => finding.severity === 'warning')).toBe(true);
  });

  it('proc-macro-error is no longer sent to proc-macro-error2, itself unmaintained now', () => {
    const finding = byId(corpus('launchbadge__sqlx__22f1f93.Cargo.lock')).get('RUSTSEC-2024-0370');
    expect(finding?.suggestion).toBe('Use manyhow instead.');
    expect(finding?.severity).toBe('notice');
  });

  it('trusts the ranges: trust-dns-proto 0.22 is unaffected by RUSTSEC-2025-0017 (unaffected "<= 0.23.0")', () => {
    expect(byId(corpus('galacticcouncil__hydration-node__6a678deb.Cargo.lock')).has('RUSTSEC-2025-0017')).toBe(false);
    const [advisory] = bundledAdvisories()
      .advisoriesFor('trust-dns-proto')
      .filter((entry) => entry.id === 'RUSTSEC-2025-0017');
    if (!advisory) throw new Error('RUSTSEC-2025-0017 missing from the data');
    expect(isAffected(advisory, '0.22.0')).toBe(false);
    expect(isAffected(advisory, '0.23.1')).toBe(true);
  });

  it('reports a version in the affected range, not one in the patched range (tokio, RUSTSEC-2025-0023)', () => {
    expect(byId(corpus('vaultwarden__91170957.v3.Cargo.lock')).get('RUSTSEC-2025-0023')?.message).toContain('tokio 1.2.0');
    // tokio 1.44.2 is the first of the patched ">= 1.44.2".
    expect(byId(corpus('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-actix.Cargo.lock')).has('RUSTSEC-2025-0023')).toBe(
      false,
    );
    const [advisory] = bundledAdvisories()
      .advisoriesFor('tokio')
      .filter((entry) => entry.id === 'RUSTSEC-2025-0023');
    if (!advisory) throw new Error('RUSTSEC-2025-0023 missing from the data');
    expect(advisory.patched.length).toBeGreaterThan(0);
    expect(isAffected(advisory, '1.2.0')).toBe(true);
    expect(isAffected(advisory, '1.44.2')).toBe(false);
    expect(isAffected(advisory, '1.44.1')).toBe(true);
    expect(isAffected(advisory, '1.38.2')).toBe(false);
  });

  it('never matches a withdrawn advisory (ring RUSTSEC-2025-0007, dirs RUSTSEC-2020-0053, xml-rs RUSTSEC-2022-0048)', () => {
    const withdrawn = ['RUSTSEC-2025-0007', 'RUSTSEC-2020-0053', 'RUSTSEC-2022-0048'];
    for (const lockfile of [
      'deno__98f9507a.large.Cargo.lock',
      'zed-industries__zed__11041ef3.Cargo.lock',
      'nushell__nushell__4e6c3d25.Cargo.lock',
    ]) {
      const found = byId(corpus(lockfile));
      expect(withdrawn.filter((id) => found.has(id))).toEqual([]);
    }
    for (const crate of ['ring', 'dirs', 'xml-rs']) {
      for (const advisory of bundledAdvisories()
        .advisoriesFor(crate)
        .filter((entry) => entry.withdrawn)) {
        expect(isAffected(advisory, '0.1.0')).toBe(false);
      }
    }
  });

  it('says when an advisory is limited to an operating system (atty on Windows)', () => {
    const finding = byId(corpus('Plume-org__Plume__befea20f.Cargo.lock')).get('RUSTSEC-2021-0145');
    expect(finding?.message).toMatch(
      /^atty 0\.2\.\d+: RustSec unsound advisory RUSTSEC-2021-0145 \(2021-07-04\): Potential unaligned read\. Only on os windows\.$/,
    );
  });
});

describe('[advisories] policy on a real lockfile', () => {
  const LOCKFILE = 'vaultwarden__91170957.v3.Cargo.lock';

  it('scope: all by default, runtime keeps the runtime stack only, off none', () => {
    const everything = all(corpus(LOCKFILE));
    expect(everything.some((finding) => finding.severity === 'notice')).toBe(true);
    const runtime = all(corpus(LOCKFILE, '[advisories]\nscope = "runtime"\n'));
    expect(runtime.length).toBeGreaterThan(0);
    expect(runtime.length).toBeLessThan(everything.length);
    expect(runtime.every((finding) => finding.severity === 'warning')).toBe(true);
    expect(all(corpus(LOCKFILE, '[advisories]\nscope = "off"\n'))).toEqual([]);
  });

  it('vulnerabilities only when asked', () => {
    const kinds = (report: Report) => all(report).map((finding) => finding.message.split(': RustSec ')[1]?.split(' ')[0]);
    expect(kinds(corpus(LOCKFILE))).not.toContain('vulnerability');
    expect(kinds(corpus(LOCKFILE, '[advisories]\nvulnerabilities = true\n'))).toContain('vulnerability');
  });

  it('severity overrides by id, crate and kind; ignore keeps an advisory out until it expires', () => {
    const report = corpus(
      LOCKFILE,
      '[advisories]\nseverity = { "RUSTSEC-2020-0016" = "error", unsound = "off" }\n\n[[advisories.ignore]]\nid = "RUSTSEC-2025-0056"\nreason = "adler goes with the next backtrace"\n',
    );
    const found = byId(report);
    expect(found.get('RUSTSEC-2020-0016')?.severity).toBe('error');
    expect(all(report).filter((finding) => finding.message.includes('RustSec unsound'))).toEqual([]);
    expect(found.has('RUSTSEC-2025-0056')).toBe(false);
    expect(report.suppressed.find((entry) => entry.fingerprint === 'rustsec-advisory:RUSTSEC-2025-0056')).toMatchObject({
      reason: 'adler goes with the next backtrace',
      origin: 'runtime-guard.toml:4',
    });
    const expired = corpus(LOCKFILE, '[[advisories.ignore]]\nid = "RUSTSEC-2025-0056"\nreason = "r"\nexpires = 2026-01-01\n');
    expect(byId(expired).has('RUSTSEC-2025-0056')).toBe(true);
    // …and a notice says the entry expired, as for an expired [[allow]].
    expect(
      expired.findings.filter((finding) => finding.rule === 'expired-exception').map((finding) => [finding.severity, finding.message]),
    ).toEqual([
      [
        'notice',
        'The ignore entry for RUSTSEC-2025-0056 (runtime-guard.toml:1: "r") expired on 2026-01-01: the advisory is reported again wherever it applies.',
      ],
    ]);
  });
});
