import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { UsageError } from './errors.js';

const SKIPPED_DIRECTORIES = new Set(['target', 'node_modules', '.git']);

/** Lockfiles named by the paths: files as given, directories searched for Cargo.lock (skipping target/ and node_modules/). */
export function findLockfiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
    if (statSync(path).isFile()) {
      found.push(path);
      continue;
    }
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

/** Reads a text file, or throws UsageError naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The policy file: the one given, else runtime-guard.toml or .github/runtime-guard.toml if present. */
export function findPolicy(given: string | undefined): string | undefined {
  if (given) {
    if (!existsSync(given)) throw new UsageError(`${given}: policy file not found`);
    return given;
  }
  return ['runtime-guard.toml', join('.github', 'runtime-guard.toml')].find((candidate) => existsSync(candidate));
}

/**
 * A file as it was at a git ref (`git show REF:./PATH`), or null when it did not exist there.
 * Throws UsageError when the ref itself is unknown or git is not usable here.
 */
export function readAtRef(ref: string, path: string): string | null {
  const relativePath = relative(process.cwd(), path).split('\\').join('/');
  try {
    return childProcess().execFileSync('git', ['show', `${ref}:./${relativePath}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--base-ref needs git, which is not on the PATH');
    throw new UsageError(`--base-ref ${ref}: ${stderr.trim().split('\n')[0] || 'git show failed'}`);
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
