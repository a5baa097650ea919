import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as core from '@actions/core';
import { DEFAULT_MAX_LOCKFILE_BYTES, decodeLockfile, LockfileError } from '@runtime-guard/core';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import * as z from 'zod/mini';
import { confinedPath } from './confine-path.js';
import { ActionError } from './errors.js';
import { describeRequestError, type GitHubClient, httpStatus } from './github.js';
import { zodCheck } from './zod-check.js';

const run = promisify(execFile);
/** Build output and vendored JavaScript never hold a lockfile of the project. */
const SKIPPED = ['**/target/**', '**/node_modules/**', '**/.git/**'];
const GIT_OUTPUT_LIMIT = 256 * 1024 * 1024;

/** Files of the repository at one revision, wherever they come from. */
export interface RepoFiles {
  /** For messages: `the workspace`, `the GitHub API at 1a2b3c4`, `git at 1a2b3c4`. */
  readonly description: string;
  /** Paths (relative, `/`-separated, sorted) that match the globs; `!glob` excludes. */
  list(patterns: readonly string[]): Promise<string[]>;
  /** The file's text, or null when it does not exist at this revision. */
  read(path: string): Promise<string | null>;
}

/** The checked-out workspace. */
export function workspaceFiles(root: string): RepoFiles {
  return {
    description: 'the workspace',
    async list(patterns) {
      const { include, exclude } = splitPatterns(patterns);
      const found = await glob(include, {
        cwd: root,
        ignore: [...SKIPPED, ...exclude],
        onlyFiles: true,
        dot: true,
        expandDirectories: false,
      });
      return found.sort();
    },
    async read(path) {
      try {
        // Symbolic links are followed only to files inside the workspace.
        const real = await confinedPath(root, path);
        if (real === undefined) return null;
        // A file past the parser's limit is refused without reading it into memory.
        const { size } = await stat(real);
        if (size > DEFAULT_MAX_LOCKFILE_BYTES) {
          throw new ActionError(
            `${path}: ${size} bytes, over the limit of ${DEFAULT_MAX_LOCKFILE_BYTES} bytes (50 MiB); a Cargo.lock this large is not a real one`,
          );
        }
        return decodeLockfile(await readFile(real), path);
      } catch (error) {
        if (error instanceof ActionError || error instanceof LockfileError) throw error;
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ActionError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    },
  };
}

const treeSchema = z.object({
  truncated: z.optional(z.boolean()),
  tree: z.array(z.object({ path: z.string(), type: z.string() })),
});

/**
 * The repository at a commit through the REST API: the recursive tree for listing, the contents
 * endpoint with the raw media type for reading (files up to 100 MB, not just the 1 MB of JSON).
 * No code of the pull request is checked out or run.
 */
export function apiFiles(client: GitHubClient, owner: string, repo: string, ref: string): RepoFiles {
  // One tree call per commit: lockfiles and manifests are listed from the same answer.
  let treeAnswer: Promise<z.infer<typeof treeSchema>> | undefined;
  const getTree = () => {
    treeAnswer ??= (async () => {
      const response = await client.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' });
      const answer = parseResponse(treeSchema, response.data, `the tree of ${short(ref)}`);
      if (answer.truncated)
        core.warning(
          `The repository tree at ${short(ref)} is too large for one API answer; some lockfiles or manifests may be missed. Check out the head commit (actions/checkout) so runtime-guard reads the workspace.`,
        );
      return answer;
    })();
    treeAnswer.catch(() => {
      treeAnswer = undefined;
    });
    return treeAnswer;
  };
  return {
    description: `the GitHub API at ${short(ref)}`,
    async list(patterns) {
      const { tree } = await getTree();
      const matches = matcher(patterns);
      return tree
        .filter((entry) => entry.type === 'blob' && matches(entry.path))
        .map((entry) => entry.path)
        .sort();
    },
    async read(path) {
      try {
        // The body as bytes (not decoded with replacement characters): invalid UTF-8 is refused below.
        const response = await client.rest.repos.getContent({
          owner,
          repo,
          path,
          ref,
          mediaType: { format: 'raw' },
          request: { parseSuccessResponseBody: false },
        });
        const contentType = String(response.headers['content-type'] ?? '');
        const bytes = new Uint8Array(await new Response(response.data as unknown as ReadableStream).arrayBuffer());
        if (contentType.includes('json')) {
          parseResponse(z.string(), JSON.parse(new TextDecoder().decode(bytes)), `${path} at ${short(ref)} (a directory?)`);
        }
        return decodeLockfile(bytes, path);
      } catch (error) {
        if (error instanceof LockfileError) throw error;
        if (httpStatus(error) === 404) return null;
        throw error;
      }
    },
  };
}

/** The repository at a commit through local git (`git ls-tree`, `git show`), when that commit is present. */
export function gitFiles(root: string, ref: string): RepoFiles {
  const git = (args: string[]) => run('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: GIT_OUTPUT_LIMIT });
  const gitBytes = (args: string[]) => run('git', ['-C', root, ...args], { encoding: 'buffer', maxBuffer: GIT_OUTPUT_LIMIT });
  return {
    description: `git at ${short(ref)}`,
    async list(patterns) {
      const { stdout } = await git(['ls-tree', '-r', '-z', '--name-only', '--end-of-options', `${ref}^{commit}`]);
      const matches = matcher(patterns);
      return stdout
        .split('\0')
        .filter((path) => path && matches(path))
        .sort();
    },
    async read(path) {
      try {
        return decodeLockfile((await gitBytes(['show', '--end-of-options', `${ref}:${path}`])).stdout, path);
      } catch (error) {
        if (error instanceof LockfileError) throw error;
        const stderr = String((error as { stderr?: unknown }).stderr ?? '');
        if (/does not exist in|exists on disk, but not in/.test(stderr)) return null;
        throw new Error(stderr.trim().split('\n')[0] || (error as Error).message);
      }
    },
  };
}

/** Whether local git has this commit (a checkout with enough history). */
export async function gitHasCommit(root: string, ref: string): Promise<boolean> {
  try {
    await run('git', ['-C', root, 'cat-file', '-e', '--end-of-options', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Whether the workspace is a git checkout of one of these commits (SHAs or refs). */
export async function workspaceIsAt(root: string, commits: readonly string[]): Promise<boolean> {
  const resolve = async (ref: string) => {
    try {
      return (
        await run('git', ['-C', root, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { encoding: 'utf8' })
      ).stdout.trim();
    } catch {
      return undefined;
    }
  };
  const head = await resolve('HEAD');
  if (!head) return false;
  for (const commit of commits) if (commit === head || (await resolve(commit)) === head) return true;
  return false;
}

/**
 * Reads through `primary`; when that fails (not a 404: a missing file is an answer), through
 * `fallback` if there is one. Fails with both reasons when neither works.
 */
export function withFallback(primary: RepoFiles, fallback: RepoFiles | undefined): RepoFiles {
  const attempt = async <T>(what: string, first: () => Promise<T>, second: (() => Promise<T>) | undefined): Promise<T> => {
    try {
      return await first();
    } catch (error) {
      // A file that is no lockfile (invalid UTF-8) is the same file through git: no second try.
      if (error instanceof LockfileError || error instanceof ActionError) throw error;
      const reason = `${what} through ${primary.description}: ${describeRequestError(error)}`;
      if (!second) throw new ActionError(`Cannot read ${reason}`);
      core.info(`Could not read ${reason}; using ${fallback?.description} instead.`);
      try {
        return await second();
      } catch (fallbackError) {
        throw new ActionError(`Cannot read ${reason}; nor through ${fallback?.description}: ${(fallbackError as Error).message}`);
      }
    }
  };
  return {
    description: primary.description,
    list: (patterns) => attempt(`the list of files`, () => primary.list(patterns), fallback && (() => fallback.list(patterns))),
    read: (path) => attempt(path, () => primary.read(path), fallback && (() => fallback.read(path))),
  };
}

function splitPatterns(patterns: readonly string[]): { include: string[]; exclude: string[] } {
  return {
    include: patterns.filter((pattern) => !pattern.startsWith('!')),
    exclude: patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1)),
  };
}

function matcher(patterns: readonly string[]): (path: string) => boolean {
  const { include, exclude } = splitPatterns(patterns);
  const included = picomatch(include, { dot: true });
  const excluded = picomatch([...SKIPPED, ...exclude], { dot: true });
  return (path) => included(path) && !excluded(path);
}

function parseResponse<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const result = zodCheck(schema, data);
  if (!result.success)
    throw new ActionError(`The GitHub API answered with an unexpected shape for ${what}: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** A SHA shortened for messages; refs stay as they are. */
export function short(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 7) : ref;
}
