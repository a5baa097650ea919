import * as core from '@actions/core';
import { globBase, type ManifestTexts, manifestReferences, manifestsMatching, normalizePath } from '@runtime-guard/core';
import type { RepoFiles } from './repo-files.js';

/**
 * More manifests than this per lockfile and the rest are left out: through the API each is one
 * request. The audit then names the members it could not find and keeps the lockfile-only verdict.
 */
export const MAX_MANIFESTS = 300;

/**
 * The workspace's Cargo.toml texts for the lockfile at `lockfilePath`, keyed relative to its folder
 * (`Cargo.toml`, `crates/a/Cargo.toml`, `../shared/Cargo.toml`): the root manifest beside it, its
 * members (globs expanded against one listing of the revision, made only when a glob needs it) and
 * the path dependencies they lead to. Undefined when no Cargo.toml sits beside the lockfile.
 */
export async function collectManifests(files: RepoFiles, lockfilePath: string): Promise<ManifestTexts | undefined> {
  const slash = lockfilePath.lastIndexOf('/');
  const root = slash < 0 ? '' : lockfilePath.slice(0, slash);
  const inRepo = (path: string) => normalizePath(root ? `${root}/${path}` : path);
  let listing: Promise<string[]> | undefined;
  const list = async (folder: string) => {
    listing ??= files.list(['**/Cargo.toml']);
    const base = inRepo(folder);
    const prefix = root ? `${root}/` : '';
    return (await listing)
      .filter((path) => base === '' || path.startsWith(`${base}/`))
      .filter((path) => path.startsWith(prefix))
      .map((path) => path.slice(prefix.length));
  };
  const rootText = await files.read(inRepo('Cargo.toml'));
  if (rootText === null) return undefined;
  const texts = new Map<string, string>();
  const queue = ['Cargo.toml'];
  const seen = new Set(queue);
  while (queue.length > 0) {
    if (texts.size >= MAX_MANIFESTS) {
      core.warning(`${lockfilePath}: more than ${MAX_MANIFESTS} Cargo.toml files in its workspace; the rest are not read.`);
      break;
    }
    const batch = queue.splice(0, 8);
    const read = await Promise.all(
      batch.map(async (file) => {
        const full = inRepo(file);
        // A path that leaves the repository cannot be read from it.
        if (full.startsWith('..')) return [file, null] as const;
        return [file, file === 'Cargo.toml' ? rootText : await files.read(full)] as const;
      }),
    );
    for (const [file, text] of read) {
      if (text === null) continue;
      texts.set(file, text);
      const references = manifestReferences(file, text);
      const found = [...references.files];
      for (const glob of references.globs) found.push(...manifestsMatching(glob, await list(globBase(glob))));
      for (const next of found) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return texts;
}
