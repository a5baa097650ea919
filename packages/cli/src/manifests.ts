import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { globBase, manifestReferences, manifestsMatching, normalizePath } from '@runtime-guard/core';
import { runGit } from './files.js';

/** Where manifests come from: the disk, or a git commit. Paths are relative to the lockfile's folder. */
export interface ManifestSource {
  /** The text of a file, or null when it does not exist there. */
  read(path: string): string | null;
  /** Every `Cargo.toml` below a folder (relative paths), to expand `members` globs. */
  list(folder: string): string[];
}

/** More manifests than this and the rest are left out (the audit then warns about missing members). */
export const MAX_MANIFESTS = 5000;

const SKIPPED = new Set(['target', 'node_modules', '.git']);

/**
 * The workspace's Cargo.toml texts for a lockfile, keyed by path relative to its folder: the root
 * manifest beside it, the members its `[workspace]` names (globs expanded), and every path
 * dependency they lead to. Undefined when there is no Cargo.toml beside the lockfile.
 */
export function collectManifests(source: ManifestSource): Map<string, string> | undefined {
  const texts = new Map<string, string>();
  const root = source.read('Cargo.toml');
  if (root === null) return undefined;
  const queue = ['Cargo.toml'];
  const seen = new Set(queue);
  while (queue.length > 0 && texts.size < MAX_MANIFESTS) {
    const file = queue.shift() as string;
    const text = file === 'Cargo.toml' ? root : source.read(file);
    if (text === null) continue;
    texts.set(file, text);
    const references = manifestReferences(file, text);
    const found = [...references.files];
    for (const glob of references.globs) found.push(...manifestsMatching(glob, source.list(globBase(glob))));
    for (const next of found) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return texts;
}

/** Manifests on disk, beside a lockfile. */
export function diskSource(lockfilePath: string): ManifestSource {
  const root = dirname(lockfilePath);
  return {
    read(path) {
      try {
        const full = join(root, path);
        return statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
      } catch {
        return null;
      }
    },
    list(folder) {
      const found: string[] = [];
      const walk = (relativeFolder: string, depth: number) => {
        if (depth > 12 || found.length > MAX_MANIFESTS) return;
        let entries: import('node:fs').Dirent[];
        try {
          entries = readdirSync(join(root, relativeFolder), { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const path = relativeFolder ? `${relativeFolder}/${entry.name}` : entry.name;
          if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(path, depth + 1);
          else if (entry.isFile() && entry.name === 'Cargo.toml') found.push(path);
        }
      };
      walk(folder, 0);
      return found;
    },
  };
}

/** Manifests at a git ref (`git ls-tree` once, `git show` per manifest), beside a lockfile given by its path on disk. */
export function gitSource(ref: string, lockfilePath: string): ManifestSource {
  const root = relative(process.cwd(), dirname(lockfilePath)).split('\\').join('/');
  const inRepo = (path: string) => normalizePath(root ? `${root}/${path}` : path);
  let listing: string[] | undefined;
  return {
    read(path) {
      const full = inRepo(path);
      if (full.startsWith('..')) return null;
      return runGit(['show', '--end-of-options', `${ref}:./${full}`]);
    },
    list(folder) {
      listing ??= (runGit(['ls-tree', '-r', '--name-only', '--end-of-options', ref, '--', '.']) ?? '')
        .split('\n')
        .filter((line) => line.endsWith('Cargo.toml'));
      const base = inRepo(folder);
      const prefix = root ? `${root}/` : '';
      return listing
        .filter((path) => path === `${base}/Cargo.toml` || base === '' || path.startsWith(`${base}/`))
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length));
    },
  };
}
