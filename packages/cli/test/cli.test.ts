import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The bundle is what users run (one file: much faster to start than the module tree).
const CLI = fileURLToPath(new URL('../bundle/index.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function cli(args: string[], cwd = FIXTURES, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-cli-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    copyFileSync(join(FIXTURES, source), join(directory, name));
  }
  return directory;
}

describe('runtime-guard audit', () => {
  it('finds the second runtime in the example pair and exits 1', () => {
    const { code, stdout, stderr } = cli(['audit', 'head.Cargo.lock', '--base', 'base.Cargo.lock']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('error   multiple-runtimes');
    expect(stdout).toContain('via mailer 0.1.0 → async-std 1.13.1');
    expect(stdout.trim().split('\n').at(-1)).toBe('This change adds async-std 1.13.1, a second async runtime next to tokio 1.46.1.');
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    expect(cli(['audit', 'base.Cargo.lock']).code).toBe(0);
    expect(cli(['audit', 'head.Cargo.lock', '--base', 'base.Cargo.lock', '--fail-on', 'never']).code).toBe(0);
    // In diff mode only introduced findings count: the fixed direction passes even at notice.
    expect(cli(['audit', 'base.Cargo.lock', '--base', 'head.Cargo.lock', '--fail-on', 'notice']).code).toBe(0);
  });

  it('writes each format', () => {
    const json = JSON.parse(cli(['audit', 'head.Cargo.lock', '--base', 'base.Cargo.lock', '--format', 'json']).stdout);
    expect(json).toMatchObject({ schemaVersion: 1, mode: 'diff' });
    expect(json.lockfiles[0].runtimes.map((runtime: { family: string }) => runtime.family)).toEqual(['tokio', 'async-std', 'smol']);
    // One finding per cause: the discouraged async-std is kept, nested in the runtime finding.
    expect(
      json.lockfiles[0].findings.map(
        (finding: { rule: string; status: string; related: { rule: string }[] }) =>
          `${finding.rule}:${finding.status}:${finding.related.map((related) => related.rule).join('+')}`,
      ),
    ).toEqual(['multiple-runtimes:introduced:discouraged-crate']);
    const sarif = JSON.parse(cli(['audit', 'head.Cargo.lock', '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'head.Cargo.lock' },
      region: { startLine: 112 },
    });
    const markdown = cli(['audit', 'head.Cargo.lock', '--format', 'markdown']).stdout;
    expect(markdown.startsWith('## runtime-guard')).toBe(true);
  });

  it('writes to --output and keeps standard output empty', () => {
    const directory = workspace({ 'Cargo.lock': 'tokio-split.Cargo.lock' });
    const { code, stdout } = cli(['audit', '--format', 'json', '--output', 'report.json'], directory);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(join(directory, 'report.json'), 'utf8'));
    expect(report.lockfiles[0].findings[0]).toMatchObject({ rule: 'runtime-version-split', crate: 'tokio', version: '0.2.25' });
  });

  it('searches directories for Cargo.lock, skipping target/ and node_modules/', () => {
    const directory = workspace({
      'Cargo.lock': 'base.Cargo.lock',
      'tools/Cargo.lock': 'tokio-split.Cargo.lock',
      'target/debug/Cargo.lock': 'head.Cargo.lock',
      'node_modules/x/Cargo.lock': 'head.Cargo.lock',
    });
    const json = JSON.parse(cli(['audit', '.', '--format', 'json'], directory).stdout);
    expect(json.lockfiles.map((lockfile: { path: string }) => lockfile.path)).toEqual(['Cargo.lock', 'tools/Cargo.lock']);
  });

  it('reads the base from git with --base-ref; a lockfile new since then has an empty base', () => {
    const directory = workspace({ 'Cargo.lock': 'base.Cargo.lock' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(directory, 'Cargo.lock'));
    mkdirSync(join(directory, 'tools'));
    copyFileSync(join(FIXTURES, 'tokio-split.Cargo.lock'), join(directory, 'tools', 'Cargo.lock'));
    const json = JSON.parse(cli(['audit', '--base-ref', 'HEAD', '--format', 'json'], directory).stdout);
    expect(
      json.lockfiles.map((lockfile: { path: string; findings: { status: string }[] }) => [
        lockfile.path,
        lockfile.findings.map((finding) => finding.status),
      ]),
    ).toEqual([
      ['Cargo.lock', ['introduced']],
      ['tools/Cargo.lock', expect.arrayContaining(['introduced'])],
    ]);
    const bad = cli(['audit', '--base-ref', 'no-such-ref'], directory);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^runtime-guard: --base-ref no-such-ref: cannot read Cargo\.lock there \(fatal: /);
  });

  it('applies the policy found at .github/runtime-guard.toml', () => {
    const directory = workspace({ 'Cargo.lock': 'head.Cargo.lock' });
    mkdirSync(join(directory, '.github'));
    writeFileSync(join(directory, '.github', 'runtime-guard.toml'), '[[allow]]\ncrate = "async-std"\nreason = "mailer is being ported"\n');
    expect(cli(['audit'], directory).code).toBe(0);
  });
});

describe('errors exit 2 with a message and no stack trace', () => {
  it.each([
    [['audit', 'missing.lock'], 'runtime-guard: missing.lock: no such file or directory\n'],
    [['audit', 'base.Cargo.lock', '--format', 'yaml'], 'runtime-guard: --format must be one of text, json, markdown, sarif, not "yaml"\n'],
    [
      ['audit', 'base.Cargo.lock', '--fail-on', 'fatal'],
      'runtime-guard: --fail-on must be one of error, warning, notice, never, not "fatal"\n',
    ],
    [['audit', 'base.Cargo.lock', '--policy', 'nope.toml'], 'runtime-guard: nope.toml: policy file not found\n'],
    [['explain'], 'runtime-guard: explain needs a crate name: runtime-guard explain CRATE [PATH…]\n'],
  ])('%j', (args, message) => {
    const { code, stderr } = cli(args);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });

  it('a directory with one good and one broken lockfile: the good one in full, the broken one with its line, then exit 2', () => {
    const directory = workspace({ 'good/Cargo.lock': 'head.Cargo.lock' });
    mkdirSync(join(directory, 'broken'));
    writeFileSync(join(directory, 'broken', 'Cargo.lock'), 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = 3\n');
    const text = cli(['audit'], directory);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(
      /broken\/Cargo\.lock\n {2}could not be read: broken\/Cargo\.lock:3: package #1 "app": key `package\[0\]\.source`/,
    );
    expect(text.stdout).toMatch(/good\/Cargo\.lock\n {2}format v\d, \d+ packages/);
    expect(text.stdout).toContain('multiple-runtimes');
    expect(text.stderr).toMatch(/^runtime-guard: broken\/Cargo\.lock:3: package #1 "app"/);

    const json = cli(['audit', '--format', 'json'], directory);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    const broken = report.lockfiles.find((entry: { path: string }) => entry.path === 'broken/Cargo.lock');
    const good = report.lockfiles.find((entry: { path: string }) => entry.path === 'good/Cargo.lock');
    expect(broken.error).toMatchObject({ code: 'invalid-shape', line: 3 });
    expect(broken.error.message).toMatch(/^broken\/Cargo\.lock:3: /);
    expect(good.findings.map((finding: { rule: string }) => finding.rule)).toContain('multiple-runtimes');
  });

  it('a dependency string that names no package is left out, as Cargo does, with a note at its line', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-cli-'));
    writeFileSync(join(directory, 'Cargo.lock'), 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["tokio"]\n');
    const { code, stdout } = cli(['audit'], directory);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'note: Cargo.lock:6: dependency "tokio" of package "app 0.1.0" was left out, as Cargo leaves it out: no package is named "tokio"',
    );
  });

  it('a bad policy names the key and line', () => {
    const directory = workspace({ 'Cargo.lock': 'base.Cargo.lock' });
    writeFileSync(join(directory, 'runtime-guard.toml'), 'runtime = "tokio"\nallowed_runtimes = ["tokio"]\n');
    const { code, stderr } = cli(['audit'], directory);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'runtime-guard: runtime-guard.toml:2: unknown key `allowed_runtimes`; expected one of: runtime, allowed-runtimes, scope, severity, discouraged, allow\n',
    );
  });
});

describe('runtime-guard explain, --help, --version', () => {
  it('explains every version of a crate with its paths', () => {
    const { code, stdout } = cli(['explain', 'tokio', 'tokio-split.Cargo.lock']);
    expect(code).toBe(0);
    expect(stdout).toContain('  tokio 0.2.25 (registry+https://github.com/rust-lang/crates.io-index), line ');
    expect(stdout).toContain('    bitwarden_rs 1.0.0 → yubico 0.9.1 → reqwest 0.10.10 → tokio 0.2.25\n');
    expect(stdout).toContain('    bitwarden_rs 1.0.0 → reqwest 0.11.0 → tokio 1.1.1\n');
  });

  it('says so when the crate is absent', () => {
    const { code, stderr } = cli(['explain', 'async-std', 'base.Cargo.lock']);
    expect(code).toBe(1);
    expect(stderr).toBe('runtime-guard: no crate named "async-std" in base.Cargo.lock\n');
  });

  it('prints help and version', () => {
    expect(cli(['--help']).stdout).toContain('Usage:\n  runtime-guard audit [PATH…] [options]');
    expect(cli(['--version']).stdout).toBe('runtime-guard 0.1.0\n');
  });
});
