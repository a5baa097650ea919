import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deepChainLockfile, invalidUtf8Lockfile, twoRuntimesNamed } from '../../core/test/support/hostile-lockfiles.js';

// The security review's findings (issue 17), each played against the CLI as a real process.
const CLI = fileURLToPath(new URL('../bundle/index.cjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PEAK_RSS = fileURLToPath(new URL('./support/report-peak-rss.cjs', import.meta.url));

function cli(args: string[], options: { cwd?: string; input?: string | Uint8Array; preload?: string[] } = {}) {
  const result = spawnSync(process.execPath, [...(options.preload ?? []), CLI, ...args], {
    cwd: options.cwd ?? FIXTURES,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '' },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'runtime-guard-hostile-'));
}

describe('memory and output stay bounded on a deep chain (review point 1)', () => {
  it('a 3 MB lockfile: 20,000-crate chain to 2,000 async-std versions gives a JSON report well under 1 GB', () => {
    const directory = scratch();
    const path = join(directory, 'Cargo.lock');
    writeFileSync(path, deepChainLockfile(20_000, 2_000));
    // A team entry for async-std gives one finding per version line (the advisory rule gives one per advisory).
    const policy = join(directory, 'runtime-guard.toml');
    writeFileSync(policy, '[[discouraged]]\ncrate = "async-std"\nreason = "we use tokio"\n');
    const { code, stdout, stderr } = cli(['audit', path, '--policy', policy, '--format', 'json', '--fail-on', 'never'], {
      preload: ['-r', PEAK_RSS],
    });
    expect(code).toBe(0);
    const peakKib = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1]);
    expect(peakKib).toBeGreaterThan(0);
    expect(peakKib).toBeLessThan(1024 * 1024);
    const report = JSON.parse(stdout);
    // Grouped by root cause: the discouraged versions are nested under the findings they come with.
    const findings = report.lockfiles[0].findings.flatMap((finding: { related: unknown[] }) => [finding, ...finding.related]);
    expect(findings.length).toBeGreaterThan(2_000);
    // Every path is cut to 24 steps, and keeps its full length: app → c0 … c19999 → async-std.
    for (const finding of findings) for (const path of finding.paths) expect(path.length).toBeLessThanOrEqual(24);
    const deep = findings.find((finding: { rule: string }) => finding.rule === 'discouraged-crate');
    expect(deep.pathLengths).toEqual([20_002]);
    expect(deep.paths[0].map((step: { name: string }) => step.name).slice(0, 3)).toEqual(['app', 'c0', 'c1']);
    expect(deep.paths[0].at(-1).name).toBe('async-std');
    // Linear in the input: the report is a few bytes per package, not steps × findings (40 million).
    expect(stdout.length).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('--base-ref is a ref, never a git option (review point 2)', () => {
  const repo = () => {
    const directory = scratch();
    writeFileSync(join(directory, 'Cargo.lock'), readFileSync(join(FIXTURES, 'head.Cargo.lock')));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'x');
    return directory;
  };

  it('refuses --base-ref=--output=FILE with exit 2 and writes no file', () => {
    const directory = repo();
    const target = join(directory, 'written-by-git');
    const { code, stderr } = cli(['audit', 'Cargo.lock', `--base-ref=--output=${target}`], { cwd: directory });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base-ref "--output=.*": a git ref must not start with "-"/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses ranges, REF:PATH and spaces, and says so when the base cannot be read', () => {
    const directory = repo();
    for (const ref of ['HEAD..HEAD', 'HEAD:Cargo.lock', 'HEAD ~1']) {
      const { code, stderr } = cli(['audit', 'Cargo.lock', '--base-ref', ref], { cwd: directory });
      expect(code, ref).toBe(2);
      expect(stderr, ref).toMatch(/a git ref must/);
    }
    const unknown = cli(['audit', 'Cargo.lock', '--base-ref', 'no-such-branch'], { cwd: directory });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--base-ref no-such-branch: cannot read Cargo\.lock there/);
  });
});

describe('terminal output shows control, bidi and zero-width characters as escapes (review point 9)', () => {
  it('ESC, BEL, NUL, U+202E and U+200B in a crate name reach the terminal escaped', () => {
    const name = 'evil\u001b[2J\u0007\u0000\u202e\u200bname';
    const { stdout } = cli(['audit', '-', '--fail-on', 'never'], { input: twoRuntimesNamed(name) });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not reach the terminal
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e\u200b]/);
    expect(stdout).toContain('evil\\u{1b}[2J\\u{7}\\u{0}\\u{202e}\\u{200b}name');
  });
});

describe('files: the base named in its error, standard input, pipes (review point 11)', () => {
  it('a bad --base is named in the error, not the head', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'bad.lock'), 'version = 4\n[[package]]\nname = 1\n');
    const { code, stderr } = cli(['audit', join(FIXTURES, 'head.Cargo.lock'), '--base', join(directory, 'bad.lock')]);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.lock');
    expect(stderr).not.toContain('head.Cargo.lock');
  });

  it('"-" reads one lockfile from standard input', () => {
    const { code, stdout } = cli(['audit', '-', '--format', 'json'], { input: readFileSync(join(FIXTURES, 'head.Cargo.lock')) });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).lockfiles[0].path).toBe('(standard input)');
    const twice = cli(['audit', '-', 'head.Cargo.lock'], { input: '' });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/"-" reads one lockfile from standard input/);
  });

  it('a FIFO path gets a clear message, not ENOTDIR', () => {
    const directory = scratch();
    const fifo = join(directory, 'pipe.lock');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = cli(['audit', fifo]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a regular file or directory');
    expect(stderr).not.toContain('ENOTDIR');
  });
});

describe('invalid UTF-8 is refused with its byte offset, as Cargo refuses it (review point 12)', () => {
  it('name = "tok\\xffio" does not pass as a crate name', () => {
    const directory = scratch();
    const { bytes, offset } = invalidUtf8Lockfile();
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'Cargo.lock'), bytes);
    const { code, stderr } = cli(['audit', join(directory, 'Cargo.lock')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Cargo.lock:4: not valid UTF-8: byte 0xff at offset ${offset}`);
    const piped = cli(['audit', '-'], { input: bytes });
    expect(piped.stderr).toContain(`(standard input):4: not valid UTF-8`);
  });

  it('a policy with invalid UTF-8 is refused the same way', () => {
    const directory = scratch();
    writeFileSync(
      join(directory, 'runtime-guard.toml'),
      Buffer.from([0x72, 0x75, 0x6e, 0x74, 0x69, 0x6d, 0x65, 0x20, 0x3d, 0x20, 0x22, 0xc3, 0x28, 0x22, 0x0a]),
    );
    // The policy beside the lockfile governs it (looked up from the lockfile's folder).
    copyFileSync(join(FIXTURES, 'head.Cargo.lock'), join(directory, 'Cargo.lock'));
    const { code, stderr } = cli(['audit', 'Cargo.lock'], { cwd: directory });
    expect(code).toBe(2);
    expect(stderr).toContain('runtime-guard.toml:1: not valid UTF-8: byte 0xc3 at offset 11');
  });
});

describe('standard output', () => {
  it('a reader that stops early (| head) ends the output quietly, with the exit code of the audit', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'Cargo.lock'), deepChainLockfile(200, 2_000));
    // JSON of four times what a pipe holds (64 KiB on Linux), so the CLI is still writing when `head` has gone.
    const script = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} audit Cargo.lock --format json 2>stderr.txt | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}" >status.txt`;
    const size = cli(['audit', 'Cargo.lock', '--format', 'json'], { cwd: directory }).stdout.length;
    expect(size).toBeGreaterThan(4 * 64 * 1024);
    execFileSync('bash', ['-c', script], { cwd: directory });
    expect(readFileSync(join(directory, 'stderr.txt'), 'utf8')).toBe('');
    // Exit 1: the chain's async-std next to tokio is an error finding, as when the output is read whole.
    expect(readFileSync(join(directory, 'status.txt'), 'utf8').trim()).toBe('1');
  });
});

describe('the bundle', () => {
  it('is ASCII only: one other character would make V8 read all of it as a two-byte string at every start', () => {
    const bundle = readFileSync(CLI, 'latin1');
    expect(bundle.length).toBeGreaterThan(100_000);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
    expect(bundle.match(/[^\u0000-\u007f]/g) ?? []).toEqual([]);
  });
});
