import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bundle/index.cjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
// The real workspaces (manifests + lock) live with the core's tests.
const WORKSPACES = fileURLToPath(new URL('../../core/test/fixtures/workspaces/', import.meta.url));

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(directory: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
}

// head.Cargo.lock: shop-api → axum, tokio, mailer; mailer → async-std.
const mailer = '[package]\nname = "mailer"\nversion = "0.1.0"\n\n[dependencies]\nasync-std = "1"\n';
const shopApi = (table: 'dependencies' | 'dev-dependencies', mailerPath: string) =>
  `[package]\nname = "shop-api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.5"\ntokio = "1"\n${table === 'dev-dependencies' ? '\n[dev-dependencies]\n' : ''}mailer = { path = "${mailerPath}" }\n`;

describe('runtime-guard audit reads the workspace manifests beside the lockfile', () => {
  it('members found through a glob, each with its own runtime: a warning, exit 0; --no-manifests: the lockfile alone', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-manifests-'));
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(directory, 'Cargo.lock'));
    write(directory, {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/shop-api/Cargo.toml': shopApi('dev-dependencies', '../mailer'),
      'crates/mailer/Cargo.toml': mailer,
    });
    const scoped = cli(['audit'], directory);
    expect(scoped.stderr).toBe('');
    expect(scoped.code).toBe(0);
    expect(scoped.stdout).toContain('shop-api runs tokio; mailer runs async-std');
    const json = JSON.parse(cli(['audit', '--format', 'json'], directory).stdout);
    const asyncStd = json.lockfiles[0].runtimes.find((runtime: { family: string }) => runtime.family === 'async-std');
    expect(asyncStd.crates[0].reach).toEqual({ normal: ['mailer'], target: [], build: [], dev: ['shop-api'], optional: [] });
    const alone = cli(['audit', '--no-manifests'], directory);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain('in this lockfile');
    expect(JSON.stringify(JSON.parse(cli(['audit', '--no-manifests', '--format', 'json'], directory).stdout))).not.toContain('"reach"');
  });

  it('a manifest that cannot be parsed: a warning naming it, and the lockfile-only verdict', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-manifests-'));
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(directory, 'Cargo.lock'));
    write(directory, {
      'Cargo.toml': '[workspace]\nmembers = ["shop-api", "mailer"]\n',
      'shop-api/Cargo.toml': '[package\n',
      'mailer/Cargo.toml': mailer,
    });
    const json = JSON.parse(cli(['audit', '--format', 'json'], directory).stdout);
    expect(json.lockfiles[0].manifestWarnings.map((warning: { file: string }) => warning.file)).toEqual(['shop-api/Cargo.toml']);
    const text = cli(['audit'], directory);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('shop-api/Cargo.toml');
  });

  it('--base-ref reads the manifests at the base: moving async-std from dev-dependencies into the build is introduced as an error', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-manifests-'));
    mkdirSync(join(directory, 'service'));
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(directory, 'service', 'Cargo.lock'));
    // mailer sits outside the lockfile's folder: a path dependency, not a member.
    write(directory, { 'service/Cargo.toml': shopApi('dev-dependencies', '../mailer'), 'mailer/Cargo.toml': mailer });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: directory, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const before = JSON.parse(cli(['audit', 'service/Cargo.lock', '--format', 'json'], directory).stdout);
    expect(
      before.lockfiles[0].findings.flatMap((finding: { related: { fingerprint: string; severity: string }[] }) =>
        finding.related.map((related) => `${related.severity} ${related.fingerprint}`),
      ),
    ).toContain('notice multiple-runtimes:async-std@dev');
    write(directory, { 'service/Cargo.toml': shopApi('dependencies', '../mailer') });
    const result = cli(['audit', 'service/Cargo.lock', '--base-ref', 'HEAD', '--format', 'json'], directory);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).lockfiles[0].findings as { status: string; severity: string; fingerprint: string }[];
    expect(
      findings.filter((finding) => finding.status === 'introduced').map((finding) => `${finding.severity} ${finding.fingerprint}`),
    ).toEqual(['error multiple-runtimes:async-std']);
  });

  it('a real workspace: zbus ships async-executor; async-std comes only through zbus dev-dependencies', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-manifests-'));
    cpSync(join(WORKSPACES, 'dbus2__zbus__d87d4fc1'), directory, { recursive: true });
    const json = JSON.parse(cli(['audit', 'Cargo.lock', '--format', 'json'], directory).stdout);
    const crates = json.lockfiles[0].runtimes.flatMap((runtime: { crates: { name: string; reach?: unknown }[] }) => runtime.crates);
    expect(crates.find((crate: { name: string }) => crate.name === 'async-std').reach).toEqual({
      normal: [],
      target: [],
      build: [],
      dev: ['zbus'],
      optional: [],
    });
    expect(json.lockfiles[0].manifestWarnings).toEqual([]);
  });
});
