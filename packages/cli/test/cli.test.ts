import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The bundle is what users run (one file: much faster to start than the module tree).
const CLI = fileURLToPath(new URL('../bundle/index.cjs', import.meta.url));
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
    ).toEqual(['multiple-runtimes:introduced:rustsec-advisory+rustsec-advisory']);
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

  it('--base with a directory of several lockfiles is refused: a file base needs one head lockfile', () => {
    const directory = workspace({ 'a/Cargo.lock': 'head.Cargo.lock', 'b/Cargo.lock': 'base.Cargo.lock', 'old.lock': 'base.Cargo.lock' });
    const { code, stdout, stderr } = cli(['audit', '.', '--base', 'old.lock'], directory);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'runtime-guard: --base compares one lockfile, but . holds 2: give a single Cargo.lock, or use --base-ref REF to compare each lockfile with itself at a git ref\n',
    );
  });

  it('--base-ref reads each lockfile from its own repository, wherever the shell is', () => {
    const outside = mkdtempSync(join(tmpdir(), 'runtime-guard-cli-'));
    const repositories = ['one', 'two'].map((name) => {
      const directory = join(outside, name);
      mkdirSync(join(directory, 'server'), { recursive: true });
      copyFileSync(join(FIXTURES, 'base.Cargo.lock'), join(directory, 'server', 'Cargo.lock'));
      const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'pipe' });
      git('init', '-q');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
      return directory;
    });
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(repositories[0] as string, 'server', 'Cargo.lock'));
    const { code, stdout, stderr } = cli(
      ['audit', '--base-ref', 'HEAD', '--format', 'json', 'one/server/Cargo.lock', 'two/server/Cargo.lock'],
      outside,
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(
      report.lockfiles.map((lockfile: { path: string; findings: { status: string }[] }) => [
        lockfile.path,
        lockfile.findings.map((f) => f.status),
      ]),
    ).toEqual([
      ['one/server/Cargo.lock', ['introduced']],
      ['two/server/Cargo.lock', []],
    ]);
  });

  it("looks the policy up from each lockfile's folder to its repository root and says which one was used", () => {
    const outside = mkdtempSync(join(tmpdir(), 'runtime-guard-cli-'));
    const repository = join(outside, 'shop');
    for (const member of ['api', 'mailer']) {
      mkdirSync(join(repository, member), { recursive: true });
      copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(repository, member, 'Cargo.lock'));
    }
    execFileSync('git', ['init', '-q'], { cwd: repository });
    // The repository's policy forbids nothing more; the mailer's own folder allows async-std.
    writeFileSync(join(repository, 'runtime-guard.toml'), 'runtime = "tokio"\n');
    writeFileSync(join(repository, 'mailer', 'runtime-guard.toml'), '[[allow]]\ncrate = "async-std"\nreason = "mailer is being ported"\n');
    // A policy above the repository root is not the repository's.
    writeFileSync(join(outside, 'runtime-guard.toml'), 'not = "read"\n');
    const json = cli(['audit', 'shop', '--format', 'json'], outside);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(report.lockfiles.map((lockfile: { path: string; policyFile: string }) => [lockfile.path, lockfile.policyFile])).toEqual([
      ['shop/api/Cargo.lock', 'shop/runtime-guard.toml'],
      ['shop/mailer/Cargo.lock', 'shop/mailer/runtime-guard.toml'],
    ]);
    expect(report.lockfiles[1].findings.filter((finding: { rule: string }) => finding.rule === 'multiple-runtimes')).toEqual([]);
    const text = cli(['audit', 'shop'], outside);
    expect(text.stdout).toContain('shop/api/Cargo.lock\n  format v');
    expect(text.stdout).toContain('  policy: shop/runtime-guard.toml\n');
    expect(text.stdout).toContain('  policy: shop/mailer/runtime-guard.toml\n');
    const none = cli(['audit', 'head.Cargo.lock']);
    expect(none.stdout).toContain('  policy: none found, the defaults\n');
    const markdown = cli(['audit', 'shop', '--format', 'markdown', '--fail-on', 'never'], outside);
    expect(markdown.stdout).toContain('policies: `shop/runtime-guard.toml`, `shop/mailer/runtime-guard.toml` (per lockfile)');
  });

  it("shows progress on a terminal's standard error for several lockfiles, never when redirected or with --quiet", () => {
    const directory = workspace({
      'a/Cargo.lock': 'base.Cargo.lock',
      'b/Cargo.lock': 'base.Cargo.lock',
      'c/Cargo.lock': 'base.Cargo.lock',
    });
    expect(cli(['audit'], directory).stderr).toBe('');
    // script(1) gives the CLI a terminal; its transcript is everything the terminal showed.
    const onTerminal = (args: string) =>
      spawnSync(
        'script',
        ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} audit ${args} 2>&1 >/dev/null`, '/dev/null'],
        {
          cwd: directory,
          encoding: 'utf8',
        },
      ).stdout;
    const shown = onTerminal('');
    expect(shown).toContain('runtime-guard: 1/3 a/Cargo.lock');
    expect(shown).toContain('runtime-guard: 3/3 c/Cargo.lock');
    // Erased when done: the terminal's line ends clear.
    expect(shown.endsWith('\r\u001b[2K')).toBe(true);
    expect(onTerminal('--quiet')).toBe('');
    expect(onTerminal('a/Cargo.lock')).toBe('');
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
    [['explain'], 'runtime-guard: explain needs a crate name: runtime-guard explain CRATE[@VERSION] [PATH…]\n'],
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
      'runtime-guard: runtime-guard.toml:2: unknown key `allowed_runtimes`; expected one of: runtime, allowed-runtimes, scope, severity, discouraged, allow, advisories\n',
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

  it('takes NAME@VERSION and NAME@RANGE, and prints JSON when asked', () => {
    const exact = cli(['explain', 'tokio@0.2.25', 'tokio-split.Cargo.lock']);
    expect(exact.code).toBe(0);
    expect(exact.stdout).toContain('  tokio 0.2.25 ');
    expect(exact.stdout).not.toContain('  tokio 1.1.1 ');
    const range = cli(['explain', 'tokio@^1', 'tokio-split.Cargo.lock', '--format', 'json']);
    expect(range.code).toBe(0);
    const json = JSON.parse(range.stdout);
    expect(json).toMatchObject({ query: 'tokio@^1', crate: 'tokio', range: '^1' });
    expect(json.lockfiles[0].versions.map((version: { version: string }) => version.version)).toEqual(['1.1.1']);
    expect(json.lockfiles[0].versions[0].paths[0].steps.map((step: { name: string }) => step.name)).toEqual([
      'bitwarden_rs',
      'reqwest',
      'tokio',
    ]);
    const missing = cli(['explain', 'tokio@2', 'tokio-split.Cargo.lock', '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).lockfiles[0].versions).toEqual([]);
    const bad = cli(['explain', 'tokio@not a version', 'tokio-split.Cargo.lock']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'runtime-guard: explain "tokio@not a version": after "@" comes a version or a range (0.2.25, 0.2, ^1.2, >=1, <2), not "not a version"\n',
    );
    expect(cli(['explain', 'tokio', '--format', 'sarif']).stderr).toBe(
      'runtime-guard: explain --format must be text or json, not "sarif"\n',
    );
  });

  it('says so when the crate is absent', () => {
    const { code, stderr } = cli(['explain', 'async-std', 'base.Cargo.lock']);
    expect(code).toBe(1);
    expect(stderr).toBe('runtime-guard: no crate "async-std" in base.Cargo.lock\n');
  });

  it('prints help and version', () => {
    expect(cli(['--help']).stdout).toContain('Usage:\n  runtime-guard audit [PATH…] [options]');
    expect(cli(['--version']).stdout).toBe('runtime-guard 0.1.0\n');
  });
});

describe('--advisory-db', () => {
  it('reads a local checkout instead of the bundled snapshot and says so', () => {
    const { code, stdout, stderr } = cli(['audit', 'head.Cargo.lock', '--advisory-db', 'advisory-db', '--fail-on', 'never']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('RUSTSEC-2025-0052');
    expect(stdout).toContain('RUSTSEC-2026-0221');
    // No git history here: the date is the newest advisory's.
    expect(stdout).toContain('advisory data: RustSec advisory-db of 2026-07-13 (local checkout, 2 advisories)');
    // Without the flag, the bundled snapshot (its commit and date) is named.
    expect(cli(['audit', 'head.Cargo.lock', '--fail-on', 'never']).stdout).toMatch(
      /advisory data: RustSec advisory-db [0-9a-f]{7} of \d{4}-\d{2}-\d{2} \(bundled snapshot, \d+ advisories/,
    );
  });

  it('takes the date and commit of a git checkout', () => {
    const directory = mkdtempSync(join(tmpdir(), 'runtime-guard-advisory-db-'));
    mkdirSync(join(directory, 'crates', 'async-std'), { recursive: true });
    copyFileSync(
      join(FIXTURES, 'advisory-db/crates/async-std/RUSTSEC-2025-0052.md'),
      join(directory, 'crates/async-std/RUSTSEC-2025-0052.md'),
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', directory, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
          GIT_COMMITTER_DATE: '2026-11-30T12:00:00Z',
          GIT_AUTHOR_DATE: '2026-11-30T12:00:00Z',
        },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'snapshot');
    const commit = execFileSync('git', ['-C', directory, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const { stdout } = cli(['audit', 'head.Cargo.lock', '--advisory-db', directory, '--format', 'json', '--fail-on', 'never']);
    expect(JSON.parse(stdout).advisoryData).toMatchObject({ kind: 'checkout', commit, date: '2026-11-30', count: 1, stale: false });
  });

  it('refuses a folder that is no checkout, and a broken advisory naming its file and key', () => {
    const empty = mkdtempSync(join(tmpdir(), 'runtime-guard-advisory-db-'));
    const none = cli(['audit', 'head.Cargo.lock', '--advisory-db', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no crates/ folder; expected a checkout of https://github.com/rustsec/advisory-db');
    mkdirSync(join(empty, 'crates', 'x'), { recursive: true });
    writeFileSync(
      join(empty, 'crates/x/RUSTSEC-2099-0001.md'),
      '```toml\n[advisory]\nid = "RUSTSEC-2099-0001"\npackage = "x"\ndate = "2099-01-01"\ninformational = "abandoned"\n\n[versions]\npatched = []\n```\n# x\n',
    );
    const broken = cli(['audit', 'head.Cargo.lock', '--advisory-db', empty]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/RUSTSEC-2099-0001\.md: advisory\.informational: /);
    expect(broken.stderr).not.toContain('    at ');
  });
});

describe('the bin and its code cache', () => {
  const BIN = fileURLToPath(new URL('../bin/runtime-guard.cjs', import.meta.url));
  const binRun = (tmp: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [BIN, 'audit', 'head.Cargo.lock', '--fail-on', 'never'], {
      cwd: FIXTURES,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', NODE_DISABLE_COMPILE_CACHE: '', TMPDIR: tmp, ...env },
    });
  const cacheFolder = (tmp: string) => join(tmp, `runtime-guard-compile-cache-${process.getuid?.() ?? 'user'}`);
  const expected = () => cli(['audit', 'head.Cargo.lock', '--fail-on', 'never']).stdout;

  it('writes the cache on the first run, reads it on the next without writing it again', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'runtime-guard-cache-'));
    const first = binRun(tmp);
    expect({ code: first.status, stderr: first.stderr, stdout: first.stdout }).toEqual({ code: 0, stderr: '', stdout: expected() });
    const [file] = readdirSync(cacheFolder(tmp));
    expect(file).toMatch(new RegExp(`^${process.version}-${process.arch}-\\d+-\\d+\\.bin$`));
    const path = join(cacheFolder(tmp), file as string);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(cacheFolder(tmp)).mode & 0o777).toBe(0o700);
    const written = statSync(path).mtimeMs;
    const second = binRun(tmp);
    expect({ code: second.status, stdout: second.stdout }).toEqual({ code: 0, stdout: expected() });
    expect(statSync(path).mtimeMs).toBe(written);
  });

  it('replaces a cache V8 refuses, and never reads or writes one in a folder others can write to', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'runtime-guard-cache-'));
    binRun(tmp);
    const [file] = readdirSync(cacheFolder(tmp));
    const path = join(cacheFolder(tmp), file as string);
    writeFileSync(path, 'not a code cache');
    expect(binRun(tmp).stdout).toBe(expected());
    expect(readFileSync(path).length).toBeGreaterThan(100_000);
    // A folder writable by others: its cache could be anyone's code.
    writeFileSync(path, 'planted');
    chmodSync(cacheFolder(tmp), 0o777);
    expect(binRun(tmp).stdout).toBe(expected());
    expect(readFileSync(path, 'utf8')).toBe('planted');
  });

  it('removes caches unused for a month when it writes one, and keeps the others', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'runtime-guard-cache-'));
    mkdirSync(cacheFolder(tmp), { mode: 0o700 });
    const old = join(cacheFolder(tmp), 'v0.0.0-x64-1-1.bin');
    const recent = join(cacheFolder(tmp), 'v0.0.0-x64-2-2.bin');
    writeFileSync(old, 'an old build');
    writeFileSync(recent, 'a recent build');
    const monthsAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, monthsAgo, monthsAgo);
    expect(binRun(tmp).stdout).toBe(expected());
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(readdirSync(cacheFolder(tmp))).toHaveLength(2);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 keeps no cache', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'runtime-guard-cache-'));
    expect(binRun(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' }).stdout).toBe(expected());
    expect(existsSync(cacheFolder(tmp))).toBe(false);
  });
});
