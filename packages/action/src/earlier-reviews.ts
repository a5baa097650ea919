import * as z from 'zod/mini';
import type { CommentIdentity } from './comment.js';
import { type GitHubClient, httpStatus } from './github.js';
import { zodParse } from './zod-check.js';

/** Starts the body of every review runtime-guard posts, so a later run finds its own reviews. */
export const REVIEW_MARKER = '<!-- runtime-guard-review -->';

/** The body an earlier review gets when this run posted a newer one. */
export const SUPERSEDED_REVIEW = `${REVIEW_MARKER}\nSuperseded by a newer runtime-guard review.`;

/** The body an earlier review gets when this run has nothing to suggest (fixed, or no longer on a changed line). */
export const RESOLVED_REVIEW = `${REVIEW_MARKER}\nruntime-guard has no suggestion left on the lines this pull request changes; the sticky comment has the report.`;

const reviewSchema = z.object({
  id: z.number(),
  body: z.nullish(z.string()),
  user: z.nullish(z.object({ login: z.string(), type: z.string() })),
});

/** Where the reviews are. */
export interface PullTarget {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
}

/**
 * GitHub has no way to delete a submitted review, so every run's review would stay on the pull
 * request with its text. This rewrites the body of the action's earlier reviews — those starting
 * with {@link REVIEW_MARKER} and written by the token's own identity, the rule the sticky comment
 * follows — to `body`, a one-line note. `keep` (the review this run just posted) and reviews that
 * already say `body` are left alone, so a review is rewritten once per state, not on every run.
 *
 * @returns how many reviews were rewritten.
 * @throws the Octokit request error (the caller turns 403/422 into one warning).
 */
export async function retireEarlierReviews(
  client: GitHubClient,
  target: PullTarget,
  identity: CommentIdentity,
  body: string,
  keep?: number,
): Promise<number> {
  const { owner, repo, pullNumber } = target;
  const reviews = (await client.paginate(client.rest.pulls.listReviews, { owner, repo, pull_number: pullNumber, per_page: 100 })).map(
    (review) => zodParse(reviewSchema, review, 'review'),
  );
  let rewritten = 0;
  for (const review of await identity.ownComments(reviews, REVIEW_MARKER)) {
    if (review.id === keep || (review.body ?? '').trim() === body.trim()) continue;
    try {
      await client.rest.pulls.updateReview({ owner, repo, pull_number: pullNumber, review_id: review.id, body });
      rewritten++;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  return rewritten;
}

/** The review's id from the create answer. */
export function reviewId(data: unknown): number {
  return zodParse(z.object({ id: z.number() }), data, 'review').id;
}
