import { describe, expect, it } from 'vitest';
import { auditLockfiles, loadPolicy, toJsonReport, verdict } from '../src/index.js';
import { readFixture } from './support/fixtures.js';
import { tinyLockfile } from './support/lockfiles.js';
import { manifestsBesideLock, readWorkspaceFixture } from './support/workspaces.js';

// example-head.Cargo.lock: shop-api → axum, tokio, mailer; mailer → async-std (see fixtures README).
const lock = readFixture('example-head.Cargo.lock');
const mailer = '[package]\nname = "mailer"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nasync-std = "1"\n';
const shopApi = (mailerTable: 'dependencies' | 'dev-dependencies') =>
  `[package]\nname = "shop-api"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.5"\ntokio = { version = "1", features = ["full"] }\n${
    mailerTable === 'dev-dependencies' ? '\n[dev-dependencies]\n' : ''
  }mailer = { path = "../mailer" }\n`;

/** shop-api and mailer as two members of one workspace: shop-api uses mailer only in its tests. */
const twoMembers = {
  'Cargo.toml': '[workspace]\nmembers = ["shop-api", "mailer"]\n',
  'shop-api/Cargo.toml': shopApi('dev-dependencies'),
  'mailer/Cargo.toml': mailer,
};

const runtimeFindings = (audit: ReturnType<typeof auditLockfiles>) =>
  (audit.lockfiles[0]?.diff.head.findings ?? [])
    .flatMap((finding) => [finding, ...finding.related])
    .filter((finding) => finding.rule === 'multiple-runtimes');

describe('runtime findings follow the reach when manifests are read', () => {
  it('runtimes of different members are a warning naming who runs what', () => {
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests: twoMembers }]);
    const [finding] = runtimeFindings(audit);
    expect(finding?.severity).toBe('warning');
    expect(finding?.fingerprint).toBe('multiple-runtimes:async-std@separate');
    expect(finding?.message).toContain('shop-api runs tokio; mailer runs async-std');
    expect(verdict(audit)).toBe(
      "This workspace's members run 2 async runtimes in separate builds: tokio 1.46.1 (primary) and async-std 1.13.1.",
    );
  });

  it('the policy can ask for one runtime per workspace: then an error', () => {
    const policy = loadPolicy('[scope]\nruntimes = "per-workspace"\n');
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests: twoMembers }], policy);
    const [finding] = runtimeFindings(audit);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('the policy asks for one runtime per workspace');
  });

  it('two runtimes in one member\'s normal build stay an error, said of "this build"', () => {
    const manifests = { 'Cargo.toml': shopApi('dependencies'), '../mailer/Cargo.toml': mailer };
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }]);
    const [finding] = runtimeFindings(audit);
    expect(finding?.severity).toBe('error');
    expect(finding?.fingerprint).toBe('multiple-runtimes:async-std');
    expect(finding?.message).toMatch(/^async-std 1\.13\.1 runs next to tokio 1\.46\.1 \(primary\) in this build: shop-api builds both/);
    expect(verdict(audit)).toMatch(/^This build has 2 async runtimes/);
    const json = toJsonReport(audit).lockfiles[0] as unknown as { runtimes: { family: string; crates: { reach?: unknown }[] }[] };
    expect(json.runtimes.find((runtime) => runtime.family === 'async-std')?.crates[0]?.reach).toEqual({
      normal: ['shop-api'],
      target: [],
      build: [],
      dev: [],
      optional: [],
    });
  });

  it('a dev-only runtime is a notice with the reason, and nothing with dev = "ignore"', () => {
    const manifests = { 'Cargo.toml': shopApi('dev-dependencies'), '../mailer/Cargo.toml': mailer };
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }]);
    const [finding] = runtimeFindings(audit);
    expect(finding?.severity).toBe('notice');
    expect(finding?.fingerprint).toBe('multiple-runtimes:async-std@dev');
    expect(finding?.message).toContain("is in the lockfile but in no member's build: only through the dev-dependencies of shop-api");
    const ignored = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }], loadPolicy('[scope]\ndev = "ignore"\n'));
    expect(runtimeFindings(ignored)).toEqual([]);
    const same = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }], loadPolicy('[scope]\ndev = "same"\n'));
    expect(runtimeFindings(same)[0]?.severity).toBe('error');
  });

  it('a diff that moves async-std from dev-dependencies into the normal build introduces an error', () => {
    const audit = auditLockfiles([
      {
        path: 'Cargo.lock',
        head: lock,
        base: lock,
        manifests: { 'Cargo.toml': shopApi('dependencies'), '../mailer/Cargo.toml': mailer },
        baseManifests: { 'Cargo.toml': shopApi('dev-dependencies'), '../mailer/Cargo.toml': mailer },
      },
    ]);
    const diff = audit.lockfiles[0]?.diff;
    expect(diff?.findings.introduced.map((finding) => `${finding.severity} ${finding.fingerprint}`)).toContain(
      'error multiple-runtimes:async-std',
    );
    // The base's notice (grouped with async-std's discouraged-crate finding, one per cause) named the class.
    const base = diff?.base?.findings.flatMap((finding) => [finding, ...finding.related]) ?? [];
    expect(base.map((finding) => `${finding.severity} ${finding.fingerprint}`)).toContain('notice multiple-runtimes:async-std@dev');
  });

  it('a diff with manifests on one side only matches findings as if neither had them', () => {
    const manifests = { 'Cargo.toml': shopApi('dev-dependencies'), '../mailer/Cargo.toml': mailer };
    for (const sides of [{ manifests }, { baseManifests: manifests }]) {
      const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, base: lock, ...sides }]);
      const findings = audit.lockfiles[0]?.diff.findings;
      // The scoped side's async-std notice (`async-std@dev`) is the other side's `async-std` error: unchanged.
      expect(findings?.introduced).toEqual([]);
      expect(findings?.resolved).toEqual([]);
      const all = [...(findings?.unchanged ?? []), ...(audit.lockfiles[0]?.diff.base?.findings ?? [])].flatMap((finding) => [
        finding,
        ...finding.related,
      ]);
      expect(all.map((finding) => finding.lockfileFingerprint ?? finding.fingerprint)).toContain('multiple-runtimes:async-std');
      expect(all.map((finding) => finding.fingerprint)).toContain('multiple-runtimes:async-std@dev');
    }
  });

  it("a runtime behind a registry crate's feature: hedged unless a member's declaration turns that feature on", () => {
    const zeromqLock = tinyLockfile([
      { name: 'app', version: '0.1.0', registry: false, dependencies: ['tokio', 'zeromq'] },
      { name: 'async-std', version: '1.13.1' },
      { name: 'tokio', version: '1.46.1' },
      { name: 'zeromq', version: '0.4.1', dependencies: ['async-std'] },
    ]);
    const manifest = (zeromq: string) => ({
      'Cargo.toml': `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\ntokio = "1"\n${zeromq}\n`,
    });
    const messageWith = (zeromq: string) =>
      runtimeFindings(auditLockfiles([{ path: 'Cargo.lock', head: zeromqLock, manifests: manifest(zeromq) }]))[0]?.message ?? '';
    // The declaration enables `async-std-runtime`, which the switch data says brings async-std: it is built.
    const enabled = messageWith(
      'zeromq = { version = "0.4", default-features = false, features = ["async-std-runtime", "all-transport"] }',
    );
    expect(enabled).toMatch(/^async-std 1\.13\.1 runs next to tokio 1\.46\.1 \(primary\) in this build: app builds both/);
    expect(enabled).not.toContain('may not be built');
    // With zeromq's defaults (tokio-runtime), nothing here turns async-std on: whatever did is not in the data.
    expect(messageWith('zeromq = "0.4"')).toContain("async-std 1.13.1 comes through zeromq's features");
  });

  it("a manifest that cannot be parsed is a warning naming the file, and the verdict is the lockfile's", () => {
    const manifests = {
      'Cargo.toml': '[workspace]\nmembers = ["shop-api", "mailer"]\n',
      'shop-api/Cargo.toml': '[package\n',
      'mailer/Cargo.toml': mailer,
    };
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }]);
    expect(audit.lockfiles[0]?.manifestWarnings?.map((warning) => warning.file)).toEqual(['shop-api/Cargo.toml']);
    expect(runtimeFindings(audit)[0]?.severity).toBe('error');
    expect(runtimeFindings(audit)[0]?.message).toContain('in this lockfile');
    expect(verdict(audit)).toMatch(/^This lockfile has 2 async runtimes/);
    const json = toJsonReport(audit).lockfiles[0] as unknown as {
      runtimes: { crates: { reach?: unknown }[] }[];
      manifestWarnings: unknown[];
    };
    expect(json.runtimes.every((runtime) => runtime.crates.every((crate) => crate.reach === undefined))).toBe(true);
    expect(json.manifestWarnings).toHaveLength(1);
  });

  it('without manifests there is no reach in the JSON and no manifestWarnings key', () => {
    const json = toJsonReport(auditLockfiles([{ path: 'Cargo.lock', head: lock }])).lockfiles[0] as unknown as Record<string, unknown>;
    expect(json.manifestWarnings).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('"reach"');
  });
});

describe('real workspaces', () => {
  const audit = (folder: string, policy?: string) => {
    const fixture = readWorkspaceFixture(folder);
    return auditLockfiles(
      [{ path: fixture.lockPath, head: fixture.lock, manifests: manifestsBesideLock(fixture) }],
      policy ? loadPolicy(policy) : undefined,
    );
  };

  it('sqlx v4: smol only behind sqlx features is a notice naming them', () => {
    const result = audit('sqlx__9d6bf662.v4-multi-runtime');
    const smol = runtimeFindings(result).find((finding) => finding.crate === 'smol');
    expect(smol?.severity).toBe('notice');
    expect(smol?.message).toContain('behind non-default features of sqlx (runtime-smol)');
    expect(result.lockfiles[0]?.manifestWarnings).toEqual([]);
  });

  it('oranc: async-std in the shipped binary through async-tar stays an error, saying it comes through its features', () => {
    const [finding] = runtimeFindings(audit('linyinfeng__oranc__37fae71d'));
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('oranc builds both');
    expect(finding?.message).toContain("through async-tar's features");
  });

  it('ohkami: the stale lockfile is a warning, the audit goes on', () => {
    const result = audit('TechEmpower__FrameworkBenchmarks__57d92fb__frameworks-Rust-ohkami-rt_smol');
    expect(result.lockfiles[0]?.manifestWarnings?.map((warning) => warning.file)).toEqual(['../Cargo.toml']);
    expect(result.lockfiles[0]?.diff.head.scope).toBeDefined();
  });
});
