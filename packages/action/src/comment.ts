import { COMMENT_MARKER } from '@runtime-guard/core';
import * as z from 'zod/mini';
import { type GitHubClient, httpStatus } from './github.js';
import { zodCheck } from './zod-check.js';

/** `create-or-update`: post when there is no comment yet. `update-only`: only refresh an existing one. */
export type CommentMode = 'create-or-update' | 'update-only';

/** What happened to the sticky comment. */
export interface CommentResult {
  readonly action: 'created' | 'updated' | 'unchanged' | 'none';
  /** The comment's address, when there is a comment. */
  readonly url?: string;
}

/** Where the comment goes. */
export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
}

const commentSchema = z.object({
  id: z.number(),
  body: z.nullish(z.string()),
  html_url: z.string(),
  user: z.nullish(z.object({ login: z.string(), type: z.string() })),
});
type IssueComment = z.output<typeof commentSchema>;

/**
 * Keeps one runtime-guard comment on a pull request. The comment is found by the hidden marker at
 * its start *and* its author: the token's identity (see {@link CommentIdentity}) — another bot or a
 * person carrying the marker never has its comment edited or deleted. An existing comment is updated in place
 * (not at all when the text is the same); extra copies left by racing runs are deleted, keeping the
 * oldest. A comment deleted by a person meanwhile is replaced by a new one. Two runs racing to create:
 * each re-reads the list after posting, and the one that posted later moves its text into the older
 * comment and deletes its own, so one comment remains, with the text of the run that posted last.
 *
 * @throws the Octokit request error (callers turn it into a warning: comments are never worth a failed step).
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  body: string,
  mode: CommentMode,
  author?: string,
): Promise<CommentResult> {
  const identity = new CommentIdentity(client, author);
  const [oldest, ...extra] = await identity.ownComments(await listComments(client, target));
  if (oldest) {
    for (const duplicate of extra) await deleteComment(client, target, duplicate.id);
    const result = await updateIfChanged(client, target, oldest, body);
    if (result) return result;
    // Deleted by someone between listing and updating: treat as if there had been none.
  }
  if (mode === 'update-only') return { action: 'none' };
  const created = parseComment(
    (await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body })).data,
  );
  const [first] = await identity.ownComments(await listComments(client, target));
  if (!first || first.id >= created.id) return { action: 'created', url: created.html_url };
  // A racing run posted first: move this text into its comment, then remove ours.
  const folded = await updateIfChanged(client, target, first, body);
  if (!folded) return { action: 'created', url: created.html_url };
  await deleteComment(client, target, created.id);
  return folded;
}

/** Updates the comment unless it already says this; undefined when the comment no longer exists. */
async function updateIfChanged(
  client: GitHubClient,
  target: CommentTarget,
  comment: IssueComment,
  body: string,
): Promise<CommentResult | undefined> {
  if ((comment.body ?? '').trim() === body.trim()) return { action: 'unchanged', url: comment.html_url };
  try {
    const response = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: comment.id, body });
    return { action: 'updated', url: parseComment(response.data).html_url };
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

async function listComments(client: GitHubClient, target: CommentTarget): Promise<IssueComment[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  return comments.map(parseComment).sort((a, b) => a.id - b.id);
}

/** A comment deleted meanwhile (by a person or a racing run) is already what we wanted. */
async function deleteComment(client: GitHubClient, target: CommentTarget, id: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

function parseComment(data: unknown): IssueComment {
  const result = zodCheck(commentSchema, data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`unexpected issue comment from the GitHub API: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return result.data;
}

/** Who posts with the default `GITHUB_TOKEN`. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * Who the token writes as, so only that author's marked comments are ours: the `comment-author`
 * input when given (an app's installation token: `my-app[bot]`), else the login behind the token
 * when `GET /user` answers (a personal token), else `github-actions[bot]` (the default token, for
 * which `GET /user` is refused). Asked once, and only when some comment carries the marker.
 */
export class CommentIdentity {
  private login: Promise<string> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly author?: string,
  ) {}

  /** The comments that start with `marker` and were written by this identity, in their order. */
  async ownComments<T extends { readonly body?: string | null; readonly user?: { readonly login: string } | null }>(
    comments: readonly T[],
    marker: string = COMMENT_MARKER,
  ): Promise<T[]> {
    const marked = comments.filter((comment) => (comment.body ?? '').startsWith(marker));
    if (marked.length === 0) return [];
    const login = (await this.viewer()).toLowerCase();
    return marked.filter((comment) => comment.user?.login.toLowerCase() === login);
  }

  private viewer(): Promise<string> {
    this.login ??= this.author
      ? Promise.resolve(this.author)
      : this.client.rest.users.getAuthenticated().then(
          (response) => zodCheck(z.object({ login: z.string() }), response.data).data?.login ?? ACTIONS_BOT_LOGIN,
          () => ACTIONS_BOT_LOGIN,
        );
    return this.login;
  }
}
