import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

/** The REST client the action uses: the toolkit's Octokit with the retry and throttling plugins. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** Waits longer than this for a primary rate limit to reset are not worth blocking a CI job. */
const LONGEST_RATE_LIMIT_WAIT_SECONDS = 60;
const RATE_LIMIT_RETRIES = 2;

/**
 * A client for `GITHUB_API_URL` (github.com, GHES, or the test server): 5xx answers are retried with
 * growing waits (1 s, 4 s, 9 s) by @octokit/plugin-retry; rate limits wait for `retry-after` or the
 * reset time (up to a minute) through @octokit/plugin-throttling, which also spaces out writes as
 * GitHub asks integrations to.
 */
export function createClient(token: string, waitUnitMs = 1000): GitHubClient {
  return getOctokit(
    token,
    {
      // Every wait (5xx backoff, retry-after) is counted in this unit: a second, except in the tests.
      retry: { retryAfterBaseValue: waitUnitMs },
      throttle: {
        retryAfterBaseValue: waitUnitMs,
        ...(waitUnitMs === 1000 ? {} : { Bottleneck: scaledBottleneck(waitUnitMs / 1000) }),
        onRateLimit: (retryAfter, options, _octokit, retryCount) => {
          const wait = retryAfter <= LONGEST_RATE_LIMIT_WAIT_SECONDS && retryCount < RATE_LIMIT_RETRIES;
          core.warning(
            `GitHub rate limit reached for ${options.method} ${options.url}; ${wait ? `retrying in ${retryAfter} s` : 'giving up (the reset is too far away)'}.`,
          );
          return wait;
        },
        onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
          // The same cap as the primary limit: a `retry-after: 5000` must not hold a CI job for hours.
          const wait = retryAfter <= LONGEST_RATE_LIMIT_WAIT_SECONDS && retryCount < RATE_LIMIT_RETRIES;
          core.warning(
            `GitHub secondary rate limit for ${options.method} ${options.url}; ${wait ? `retrying in ${retryAfter} s` : `giving up (asked to wait ${retryAfter} s, more than ${LONGEST_RATE_LIMIT_WAIT_SECONDS} s)`}.`,
          );
          return wait;
        },
      },
    },
    retry,
    throttling,
  );
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether a 403 or 429 is a rate limit (primary: no requests left; secondary: the message says so), not a missing permission. */
export function isRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  return String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test((error as Error).message ?? '');
}

/** `HTTP 403: Resource not accessible by integration`, or the error's message. */
export function describeRequestError(error: unknown): string {
  const status = httpStatus(error);
  const message = (error as Error | null)?.message ?? String(error);
  return status === undefined ? message : `HTTP ${status}: ${message.split(' - ')[0]}`;
}

/**
 * The unit of the client's waits. The end-to-end tests, which run the Action as a process, set
 * `RUNTIME_GUARD_TEST_WAIT_UNIT_MS=0` so that retries and rate-limit waits happen without sleeping;
 * anything but a whole number of milliseconds up to a second leaves the real unit.
 */
export function waitUnitMs(env: NodeJS.ProcessEnv): number {
  const value = env.RUNTIME_GUARD_TEST_WAIT_UNIT_MS;
  return value !== undefined && /^\d{1,4}$/.test(value) && Number(value) <= 1000 ? Number(value) : 1000;
}

/**
 * The throttling plugin's scheduler with its pauses scaled (it spaces writes a second apart, as
 * GitHub asks of integrations): the same queues and order, shorter gaps. Only the tests scale.
 */
function scaledBottleneck(scale: number): typeof Bottleneck {
  class ScaledGroup extends Bottleneck.Group {
    constructor(options: Bottleneck.ConstructorOptions = {}) {
      super({ ...options, minTime: (options.minTime ?? 0) * scale });
    }
  }
  class Scaled extends Bottleneck {
    static override Group = ScaledGroup;
  }
  return Scaled;
}
