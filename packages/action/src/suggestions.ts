import { posix } from 'node:path';
import { type Audit, adviceEdits, codeBlock, type ManifestEdit, showInvisible } from '@runtime-guard/core';
import * as z from 'zod/mini';
import { CommentIdentity } from './comment.js';
import { RESOLVED_REVIEW, REVIEW_MARKER, retireEarlierReviews, reviewId, SUPERSEDED_REVIEW } from './earlier-reviews.js';
import type { GitHubClient } from './github.js';
import { zodParse } from './zod-check.js';

/** Starts every review comment runtime-guard posts, so a re-run finds (and replaces) only its own. */
export const SUGGESTION_MARKER = '<!-- runtime-guard-suggestion -->';

/** At most this many suggestions in one review; the sticky comment and the JSON report have every edit. */
export const MAX_SUGGESTIONS = 20;

/** One fix to suggest on a pull request's Cargo.toml: the edit, at its repository path. */
export interface Suggestion {
  /** Repository-relative path of the Cargo.toml. */
  readonly path: string;
  readonly edit: ManifestEdit;
  /** The finding it fixes, in a few words (`multiple-runtimes: async-std 1.13.0`). */
  readonly about: string;
}

/** Where the review goes. */
export interface ReviewTarget {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** The head commit the suggestions are made on. */
  readonly commit: string;
}

/** What happened: how many suggestions were posted, how many earlier ones removed, how many earlier reviews marked as past. */
export interface ReviewResult {
  readonly posted: number;
  readonly removed: number;
  /** Earlier reviews of this action whose body now says they are superseded or resolved. */
  readonly retired: number;
  /** The edits not suggested (not in the pull request's changes, or past {@link MAX_SUGGESTIONS}): the sticky comment's diff blocks carry them. */
  readonly notSuggested: number;
}

/**
 * The exact manifest edits of every finding in the head reports, at repository paths (the edit's
 * file is relative to its lockfile's folder), once per path and line.
 */
export function collectSuggestions(audit: Audit): Suggestion[] {
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const lockfile of audit.lockfiles) {
    const folder = posix.dirname(lockfile.path);
    for (const finding of lockfile.diff.head.findings) {
      for (const edit of adviceEdits(finding.advice ?? [])) {
        const path = posix.normalize(posix.join(folder, edit.file));
        if (path.startsWith('../') || seen.has(`${path}\0${edit.line}`)) continue;
        seen.add(`${path}\0${edit.line}`);
        suggestions.push({ path, edit, about: `${finding.rule}: ${finding.crate} ${finding.version}` });
      }
    }
  }
  return suggestions;
}

/** Right-side lines of one file's patch: those the pull request added or changed, and every line its hunks show. */
export function patchLines(patch: string): { changed: Set<number>; shown: Set<number> } {
  const changed = new Set<number>();
  const shown = new Set<number>();
  let line = 0;
  for (const text of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      line = Number(header[1]);
      continue;
    }
    if (line === 0 || text.startsWith('-') || text.startsWith('\\')) continue;
    if (text.startsWith('+')) changed.add(line);
    shown.add(line);
    line++;
  }
  return { changed, shown };
}

const fileSchema = z.object({ filename: z.string(), patch: z.optional(z.string()) });
const reviewCommentSchema = z.object({
  id: z.number(),
  body: z.nullish(z.string()),
  html_url: z._default(z.string(), ''),
  user: z.nullish(z.object({ login: z.string(), type: z.string() })),
});

/**
 * Posts one review with a suggestion on each edited declaration the pull request added or changed
 * (every line of the edit inside its diff, one of them changed), then deletes the review comments
 * earlier runs posted: those starting with {@link SUGGESTION_MARKER} by the token's own identity, as
 * for the sticky comment. GitHub cannot delete the earlier reviews themselves: their bodies become a
 * one-line note (superseded by this review, or resolved when nothing is posted; see
 * {@link retireEarlierReviews}). Nothing is posted when no edit is in the diff, or when there are
 * no suggestions at all (a re-run after the fix): earlier suggestions are still removed, so a fixed
 * line loses its stale suggestion.
 *
 * @throws the Octokit request error (the caller turns 403/422 into one warning).
 */
export async function postSuggestionReview(
  client: GitHubClient,
  target: ReviewTarget,
  suggestions: readonly Suggestion[],
  author?: string,
): Promise<ReviewResult> {
  const { owner, repo, pullNumber } = target;
  const inDiff = suggestions.length > 0 ? await suggestionsInDiff(client, target, suggestions) : [];
  const identity = new CommentIdentity(client, author);
  const earlier = await identity.ownComments(
    (await client.paginate(client.rest.pulls.listReviewComments, { owner, repo, pull_number: pullNumber, per_page: 100 })).map((comment) =>
      zodParse(reviewCommentSchema, comment, 'review comment'),
    ),
    SUGGESTION_MARKER,
  );
  let posted: number | undefined;
  if (inDiff.length > 0) {
    const response = await client.rest.pulls.createReview({
      owner,
      repo,
      pull_number: pullNumber,
      commit_id: target.commit,
      event: 'COMMENT',
      // GitHub requires a body for a COMMENT review, even one with line comments.
      body: `${REVIEW_MARKER}\nruntime-guard suggests ${inDiff.length === 1 ? 'a change' : `${inDiff.length} changes`} to the Cargo.toml lines this pull request touches (the sticky comment has the report).`,
      comments: inDiff.map(({ path, edit, about }) => ({
        path,
        side: 'RIGHT' as const,
        line: edit.endLine,
        ...(edit.endLine > edit.line ? { start_line: edit.line, start_side: 'RIGHT' as const } : {}),
        body: suggestionBody(edit, about),
      })),
    });
    posted = reviewId(response.data);
  }
  let removed = 0;
  for (const comment of earlier) {
    try {
      await client.rest.pulls.deleteReviewComment({ owner, repo, comment_id: comment.id });
      removed++;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  const retired = await retireEarlierReviews(client, target, identity, posted === undefined ? RESOLVED_REVIEW : SUPERSEDED_REVIEW, posted);
  return { posted: inDiff.length, removed, retired, notSuggested: suggestions.length - inDiff.length };
}

/** The suggestions GitHub can place: on lines the pull request's patch shows, one of them changed, at most {@link MAX_SUGGESTIONS}. */
async function suggestionsInDiff(client: GitHubClient, target: ReviewTarget, suggestions: readonly Suggestion[]): Promise<Suggestion[]> {
  const { owner, repo, pullNumber } = target;
  const files = (await client.paginate(client.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 })).map((file) =>
    zodParse(fileSchema, file, 'pull request file'),
  );
  const lines = new Map(files.map((file) => [file.filename, patchLines(file.patch ?? '')]));
  const inDiff = suggestions.filter(({ path, edit }) => {
    const patch = lines.get(path);
    if (!patch) return false;
    const range = Array.from({ length: edit.endLine - edit.line + 1 }, (_, index) => edit.line + index);
    // A suggestion replaces the text exactly: one with characters shown as escapes would change them.
    return (
      range.every((line) => patch.shown.has(line)) &&
      range.some((line) => patch.changed.has(line)) &&
      edit.after.split('\n').every((line) => showInvisible(line) === line)
    );
  });
  return inDiff.slice(0, MAX_SUGGESTIONS);
}

/** The review comment: marker, what it fixes, and the replacement as a suggestion block no manifest text can close. */
export function suggestionBody(edit: ManifestEdit, about: string): string {
  const changes = [
    ...edit.removes.map((feature) => `drops \`${feature}\``),
    ...edit.adds.map((feature) => `adds \`${feature}\``),
    ...(edit.defaultFeaturesOff
      ? [
          `sets \`default-features = false\`${edit.droppedDefaults.length > 0 ? ` (dropping the default ${edit.droppedDefaults.map((feature) => `\`${feature}\``).join(', ')})` : ''}`,
        ]
      : []),
  ];
  return [
    SUGGESTION_MARKER,
    `**runtime-guard** (${about.replace(/[\\`*_[\]<>|]/g, '\\$&')}): this line brings a second async runtime. The change ${changes.join(', ')} and keeps every other feature.`,
    '',
    codeBlock('suggestion', edit.after),
  ].join('\n');
}
