import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeLockfile, decodePolicy, gitRefProblem, LockfileError } from '@runtime-guard/core';
import { UsageError } from './errors.js';

const SKIPPED_DIRECTORIES = new Set(['target', 'node_modules', '.git']);

/** Lockfiles named by the paths: files as given, directories searched for Cargo.lock (skipping target/ and node_modules/). */
export function findLockfiles(paths: readonly string[]): string[] {
  if (paths.includes(STDIN)) {
    if (paths.length > 1) throw new UsageError(`"-" reads one lockfile from standard input: give it alone, not with other paths`);
    return [STDIN];
  }
  const found: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
    const stats = statSync(path);
    if (stats.isFile()) {
      found.push(path);
      continue;
    }
    if (!stats.isDirectory()) throw new UsageError(notRegularFile(path));
    const before = found.length;
    walk(path, found);
    if (found.length === before)
      throw new UsageError(`${path}: no Cargo.lock found in this directory (target/ and node_modules/ are skipped)`);
  }
  return [...new Set(found)];
}

function walk(directory: string, found: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path, found);
    else if (entry.isFile() && entry.name === 'Cargo.lock') found.push(path);
  }
}

/** The path that stands for standard input, and how messages name it. */
export const STDIN = '-';
export const STDIN_NAME = '(standard input)';

/** How a path is named in reports and messages. */
export function displayName(path: string): string {
  return path === STDIN ? STDIN_NAME : path;
}

function notRegularFile(path: string): string {
  return `${path}: not a regular file or directory (a pipe, socket or device); to read a lockfile from standard input, give "-"`;
}

/** A file's bytes (`-`: standard input), or throws UsageError naming it; pipes and devices are refused by name. */
export function readBytes(path: string): Uint8Array {
  try {
    if (path === STDIN) return readFileSync(0);
    if (!statSync(path).isFile()) throw new UsageError(notRegularFile(path));
    return readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${displayName(path)}: no such file`);
    throw new UsageError(`${displayName(path)}: cannot read (${code ?? (error as Error).message})`);
  }
}

/** A lockfile's text; invalid UTF-8 is refused with its byte offset (LockfileError), as Cargo refuses it. */
export function readLockfileText(path: string): string {
  return decodeLockfile(readBytes(path), displayName(path));
}

/** A policy file's text; invalid UTF-8 is refused with its byte offset (PolicyError). */
export function readPolicyText(path: string): string {
  return decodePolicy(readBytes(path), path);
}

/**
 * A file as it was at a git ref (`git show REF:./NAME`, run in the file's own folder, so the
 * repository is the one the lockfile belongs to wherever the shell is), or null when it did not
 * exist there. Throws UsageError when the ref itself is unknown or git is not usable here.
 */
export function readAtRef(ref: string, path: string): string | null {
  if (path === STDIN) throw new UsageError('--base-ref reads files from git: give a lockfile path, not "-"');
  const problem = gitRefProblem(ref);
  if (problem) throw new UsageError(`--base-ref ${JSON.stringify(ref)}: a git ref ${problem}`);
  const relativePath = basename(path);
  try {
    // --end-of-options: whatever the ref is, git never reads it as an option.
    const bytes = childProcess().execFileSync('git', ['show', '--end-of-options', `${ref}:./${relativePath}`], {
      cwd: dirname(resolve(path)),
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return decodeLockfile(bytes, `${path} at ${ref}`);
  } catch (error) {
    if (error instanceof LockfileError) throw error;
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--base-ref needs git, which is not on the PATH');
    throw new UsageError(`--base-ref ${ref}: cannot read ${path} there (${stderr.trim().split('\n')[0] || 'git show failed'})`);
  }
}

/**
 * Runs git and returns its standard output, or null when the path does not exist at the ref. Throws
 * UsageError when git is missing or fails otherwise.
 */
export function runGit(args: readonly string[]): string | null {
  try {
    return childProcess()
      .execFileSync('git', [...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
      .toString('utf8');
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--base-ref needs git, which is not on the PATH');
    throw new UsageError(`git ${args[0]}: ${stderr.trim().split('\n')[0] || 'failed'}`);
  }
}

/**
 * node:child_process, loaded when first needed: loading it (with net and stream behind it) costs
 * milliseconds of every start, and only `--base-ref` runs a process. `process.getBuiltinModule`
 * (Node 20.16+) is left alone by the bundler, which would otherwise hoist the import to the top.
 */
function childProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule?.('node:child_process') ?? createRequire(import.meta.url)('node:child_process');
}
