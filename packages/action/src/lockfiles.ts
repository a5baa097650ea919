import type { LockfileInput } from '@runtime-guard/core';
import { ActionError } from './errors.js';
import type { Revisions } from './event.js';
import type { GitHubClient } from './github.js';
import { collectManifests } from './manifests.js';
import { apiFiles, gitFiles, gitHasCommit, type RepoFiles, withFallback, workspaceFiles, workspaceIsAt } from './repo-files.js';

/** Where the action reads the repository: the workspace, the API, and the repository's coordinates. */
export interface RepoAccess {
  readonly workspace: string;
  readonly client: GitHubClient;
  readonly owner: string;
  readonly repo: string;
}

/** The lockfiles to audit and where their texts came from. */
export interface GatheredLockfiles {
  readonly inputs: LockfileInput[];
  /** Files of the head revision (for the policy file too). */
  readonly headFiles: RepoFiles;
  /** Files of the base revision, when there is one to compare with. */
  readonly baseFiles?: RepoFiles;
  readonly headInWorkspace: boolean;
}

/**
 * Finds the lockfiles at the head (in the workspace when it is a checkout of the head, otherwise
 * through the API, or git when the API fails) and reads each one at the base too, where a 404 means
 * the lockfile is new in this change.
 */
export async function gatherLockfiles(patterns: readonly string[], revisions: Revisions, access: RepoAccess): Promise<GatheredLockfiles> {
  const headInWorkspace = await workspaceIsAt(access.workspace, revisions.workspaceCommits);
  const headFiles = headInWorkspace ? workspaceFiles(access.workspace) : await remoteFiles(access, revisions.head);
  const paths = await headFiles.list(patterns);
  if (paths.length === 0) {
    throw new ActionError(
      `No lockfile matches ${patterns.map((pattern) => `"${pattern}"`).join(', ')} in ${headFiles.description} (target/ and node_modules/ are skipped). Commit Cargo.lock, or set the "lockfiles" input.`,
    );
  }
  const baseFiles = revisions.base !== undefined ? await remoteFiles(access, revisions.base) : undefined;
  const inputs = await Promise.all(
    paths.map(async (path): Promise<LockfileInput> => {
      const head = await headFiles.read(path);
      if (head === null) throw new ActionError(`${path}: listed in ${headFiles.description} but could not be read`);
      // The workspace's manifests beside the lockfile, at each revision: which build runs what.
      const manifests = await collectManifests(headFiles, path);
      const withManifests = manifests ? { manifests } : {};
      if (!baseFiles) return { path, head, ...withManifests };
      const baseManifests = manifests ? await collectManifests(baseFiles, path) : undefined;
      return { path, head, base: await baseFiles.read(path), ...withManifests, ...(baseManifests ? { baseManifests } : {}) };
    }),
  );
  return { inputs, headFiles, ...(baseFiles ? { baseFiles } : {}), headInWorkspace };
}

/** The repository at a revision through the API, with local git as the fallback when it has the commit. */
export async function remoteFiles(access: RepoAccess, ref: string): Promise<RepoFiles> {
  const api = apiFiles(access.client, access.owner, access.repo, ref);
  const git = (await gitHasCommit(access.workspace, ref)) ? gitFiles(access.workspace, ref) : undefined;
  return withFallback(api, git);
}
