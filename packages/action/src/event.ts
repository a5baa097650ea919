import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { ActionError } from './errors.js';
import { zodCheck } from './zod-check.js';

const SHA = z.string().check(z.regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a commit SHA'));
/** `push` sends this as `before` when a branch is created: there is nothing to compare with. */
const NO_COMMIT = /^0+$/;

const pullRequestEvent = z.object({
  pull_request: z.object({
    number: z.int().check(z.positive()),
    html_url: z.optional(z.string()),
    base: z.object({ sha: SHA, ref: z.string() }),
    head: z.object({ sha: SHA, ref: z.string() }),
  }),
});
const pushEvent = z.object({ before: z.string(), after: SHA });
const mergeGroupEvent = z.object({ merge_group: z.object({ base_sha: SHA, head_sha: SHA }) });

/** What to compare, decided from the event and the `base-ref` / `head-ref` inputs. */
export interface Revisions {
  /** The event, as GitHub names it. */
  readonly event: string;
  /** The pull request to comment on (pull_request and pull_request_target only). */
  readonly pullRequest?: { readonly number: number };
  /** Base revision (SHA or ref) to diff against; absent for a full audit. */
  readonly base?: string;
  /** Head revision (SHA or ref): what is audited. */
  readonly head: string;
  /**
   * Commits whose checkout counts as "the head is in the workspace". For `pull_request` that is the
   * head and the merge commit GitHub builds (`GITHUB_SHA`); for `pull_request_target` only the head,
   * because there `GITHUB_SHA` is the base branch.
   */
  readonly workspaceCommits: readonly string[];
}

/** The runner's environment variables this module reads. */
export interface RunnerEnvironment {
  readonly GITHUB_EVENT_NAME?: string | undefined;
  readonly GITHUB_EVENT_PATH?: string | undefined;
  readonly GITHUB_SHA?: string | undefined;
}

/** Reads `GITHUB_EVENT_PATH` and works out base and head for the event (see the README's Events table). */
export function resolveRevisions(env: RunnerEnvironment, overrides: { baseRef?: string; headRef?: string }): Revisions {
  const event = env.GITHUB_EVENT_NAME;
  if (!event) throw new ActionError('GITHUB_EVENT_NAME is not set: runtime-guard runs as a step of a GitHub Actions workflow.');
  const sha = env.GITHUB_SHA ?? '';
  const found = fromEvent(event, readPayload(env.GITHUB_EVENT_PATH), sha);
  const head = overrides.headRef ?? found.head;
  const base = overrides.baseRef ?? found.base;
  return {
    ...found,
    head,
    ...(base !== undefined ? { base } : {}),
    workspaceCommits: overrides.headRef !== undefined ? [overrides.headRef] : found.workspaceCommits,
  };
}

function fromEvent(event: string, payload: unknown, sha: string): Revisions {
  switch (event) {
    case 'pull_request':
    case 'pull_request_target': {
      const { pull_request } = parsePayload(pullRequestEvent, payload, event);
      return {
        event,
        pullRequest: { number: pull_request.number },
        base: pull_request.base.sha,
        head: pull_request.head.sha,
        workspaceCommits: event === 'pull_request' ? [pull_request.head.sha, sha] : [pull_request.head.sha],
      };
    }
    case 'push': {
      const { before, after } = parsePayload(pushEvent, payload, event);
      return { event, ...(NO_COMMIT.test(before) ? {} : { base: before }), head: after, workspaceCommits: [after] };
    }
    case 'merge_group': {
      const { merge_group } = parsePayload(mergeGroupEvent, payload, event);
      return { event, base: merge_group.base_sha, head: merge_group.head_sha, workspaceCommits: [merge_group.head_sha] };
    }
    default:
      // workflow_dispatch, schedule and anything else: a full audit of the commit the run is for.
      if (!zodCheck(SHA, sha).success) throw new ActionError(`GITHUB_SHA is ${JSON.stringify(sha)}: expected a commit SHA.`);
      return { event, head: sha, workspaceCommits: [sha] };
  }
}

function readPayload(path: string | undefined): unknown {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ActionError(`GITHUB_EVENT_PATH ${path}: cannot read the event payload (${(error as Error).message})`);
  }
}

function parsePayload<T>(schema: z.ZodMiniType<T>, payload: unknown, event: string): T {
  const result = zodCheck(schema, payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path.join('.') || '(root)';
  throw new ActionError(`The ${event} event payload has no usable ${key}: ${issue?.message ?? 'unexpected shape'}.`);
}
