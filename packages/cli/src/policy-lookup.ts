import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';
import { STDIN } from './files.js';

/** The names a policy file may have in a folder, in order: the same places the Action looks at the repository root. */
const POLICY_NAMES = ['runtime-guard.toml', join('.github', 'runtime-guard.toml')] as const;

/**
 * The policy file that governs a lockfile: `--policy` when given (it must exist), else the first
 * `runtime-guard.toml` or `.github/runtime-guard.toml` from the lockfile's folder up to its
 * repository root (the folder holding `.git`). Outside a repository the lockfile's folder is searched,
 * then its parents up to the working directory when the lockfile lies below it. Standard input is
 * looked up from the working directory. Null: no policy file, the defaults apply.
 */
export function policyFileFor(lockfile: string, given: string | undefined, cwd = process.cwd()): string | null {
  if (given) {
    if (!existsSync(given)) throw new UsageError(`${given}: policy file not found`);
    return given;
  }
  const start = lockfile === STDIN ? resolve(cwd) : dirname(resolve(cwd, lockfile));
  for (const folder of searchedFolders(start, resolve(cwd))) {
    for (const name of POLICY_NAMES) {
      const candidate = join(folder, name);
      if (isFile(candidate)) return displayPath(candidate, cwd);
    }
  }
  return null;
}

/** The folders searched, nearest first: up to and including the repository root, or the working directory. */
function searchedFolders(start: string, cwd: string): string[] {
  const folders: string[] = [];
  for (let folder = start; ; folder = dirname(folder)) {
    folders.push(folder);
    if (existsSync(join(folder, '.git'))) return folders;
    if (dirname(folder) === folder) break;
  }
  // No repository: the lockfile's folder, then up to the working directory when the lockfile is below it.
  const inside = start === cwd || start.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep);
  return inside ? folders.slice(0, folders.indexOf(cwd) + 1) : [start];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A path as reports name it: relative to the working directory when below it, absolute otherwise. */
function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}
