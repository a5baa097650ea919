import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ActionError } from './errors.js';

/**
 * Why a path from an input or a glob may not be read, or undefined when it may: one rule for every
 * path the action reads (the `policy` input, the `lockfiles` globs, whatever they match). Paths are
 * relative to the repository root and stay inside it: no absolute path, no `..` that climbs out.
 */
export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path) || path.startsWith('\\')) return 'is absolute: give a path relative to the repository';
  let depth = 0;
  for (const part of path.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return 'leads outside the repository ("..")';
  }
  return undefined;
}

/**
 * The real location of `path` inside `workspace`, following symbolic links, or ActionError when it
 * is (or links) outside `GITHUB_WORKSPACE`. A missing file gives undefined (the caller decides).
 * Nothing outside the workspace is opened, so nothing of it can be echoed in an error.
 */
export async function confinedPath(workspace: string, path: string): Promise<string | undefined> {
  const problem = pathProblem(path);
  if (problem) throw new ActionError(`${JSON.stringify(path)} ${problem}; runtime-guard reads only files inside the workspace.`);
  const root = await realpath(workspace);
  let real: string;
  try {
    real = await realpath(resolve(workspace, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ActionError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const inside = relative(root, real);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new ActionError(
      `${path}: a symbolic link to a file outside the workspace; runtime-guard reads only files inside GITHUB_WORKSPACE.`,
    );
  }
  return real;
}
