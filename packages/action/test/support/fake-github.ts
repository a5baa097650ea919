import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** A request the fake GitHub received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  /** When it arrived (ms since the epoch). */
  readonly at: number;
}

/** A canned answer for the next requests that match, before the normal behaviour. */
export interface Fault {
  readonly method?: string;
  /** Matched against the path (without the query). */
  readonly path: RegExp;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

/** Holds matching requests back before answering them normally (to make two runs race). */
export interface Delay {
  readonly method: string;
  readonly path: RegExp;
  readonly ms: number;
  times: number;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
  createdAt: string;
  updatedAt: string;
}

/** A file of a pull request, as GET /pulls/{n}/files lists it. */
export interface FakePullFile {
  filename: string;
  status: 'added' | 'modified' | 'removed';
  patch?: string;
}

/** A review comment (a line comment of a review), as GET /pulls/{n}/comments lists it. */
export interface FakeReviewComment {
  id: number;
  pullNumber: number;
  reviewId: number;
  path: string;
  line: number;
  startLine?: number;
  side: string;
  commitId: string;
  body: string;
  user: FakeComment['user'];
}

export const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } as const;

/** A submitted review (its line comments are in `reviewComments`). */
export interface FakeReview {
  id: number;
  pullNumber: number;
  event: string;
  body: string;
  commitId: string;
  user: FakeComment['user'];
}

/** The payloads GitHub documents for creating a review and updating its body: anything else is a 422, as there. */
const createReviewSchema = z.object({
  commit_id: z.string(),
  event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']),
  body: z.string().min(1),
  comments: z
    .array(
      z.object({
        path: z.string(),
        line: z.number().int(),
        side: z.enum(['LEFT', 'RIGHT']),
        start_line: z.number().int().optional(),
        start_side: z.enum(['LEFT', 'RIGHT']).optional(),
        body: z.string(),
      }),
    )
    .optional(),
});
const updateReviewSchema = z.object({ body: z.string().min(1) }).strict();

/**
 * Plays the GitHub REST endpoints runtime-guard calls, on 127.0.0.1, and records every request:
 * repository contents (raw media type) and trees at a commit, issue comments (list with Link
 * pagination, create, update, delete), a pull request's files, reviews (create, list, update the
 * body), review comments (list, delete) and GET /user (refused, as for the Actions token).
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  /** The files of each pull request (set by the test from the real git diff). */
  readonly pullFiles = new Map<number, FakePullFile[]>();
  /** Reviews posted, with their line comments. */
  readonly reviews: FakeReview[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  /** Files by commit SHA, then path. */
  readonly commits = new Map<string, Map<string, string>>();
  readonly faults: Fault[] = [];
  readonly delays: Delay[] = [];
  /** Who creates comments, and whether GET /user answers (a personal token) or not (the Actions token). */
  commenter: FakeComment['user'] = { ...ACTIONS_BOT };
  personalToken = false;
  pageSize = 100;
  private nextId = 1_000;
  private server: Server | undefined;
  private baseUrl = '';

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.handle(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Registers the files of a commit. */
  commit(sha: string, files: Record<string, string>): void {
    this.commits.set(sha, new Map(Object.entries(files)));
  }

  /** Adds a comment as if posted earlier (by the bot unless another user is given). */
  addComment(issueNumber: number, body: string, user: FakeComment['user'] = this.commenter): FakeComment {
    const now = new Date().toISOString();
    const comment = { id: this.nextId++, issueNumber, body, user, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  /** Requests whose method and path match. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  private handle(request: IncomingMessage, rawBody: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const method = request.method ?? 'GET';
    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {}
    this.requests.push({ method, path, query: url.searchParams, headers: request.headers, body, at: Date.now() });

    const delay = this.delays.find((candidate) => candidate.method === method && candidate.path.test(path) && candidate.times > 0);
    if (delay) {
      // Answer from the state as it is now, but send it later: a slow list that misses what happens meanwhile.
      delay.times--;
      let status = 200;
      let headers: Record<string, string> = {};
      let text = '';
      const held = {
        writeHead(code: number, head?: Record<string, string>) {
          status = code;
          headers = head ?? {};
          return held;
        },
        end(chunk?: string) {
          text = chunk ?? '';
        },
      };
      this.answer(method, path, url, request, body, held as unknown as ServerResponse);
      setTimeout(() => {
        response.writeHead(status, headers);
        response.end(text);
      }, delay.ms);
      return;
    }
    this.answer(method, path, url, request, body, response);
  }

  private answer(method: string, path: string, url: URL, request: IncomingMessage, body: unknown, response: ServerResponse): void {
    const fault = this.faults.find((candidate) => (candidate.method ?? method) === method && candidate.path.test(path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      this.json(response, fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers);
      return;
    }
    for (const [pattern, handler] of this.routes) {
      const match = pattern.exec(`${method} ${path}`);
      if (match) {
        handler(match, url, request, body, response);
        return;
      }
    }
    this.json(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  private readonly routes: [
    RegExp,
    (match: RegExpExecArray, url: URL, request: IncomingMessage, body: unknown, response: ServerResponse) => void,
  ][] = [
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/,
      (match, url, request, _body, response) => {
        const files = this.commits.get(url.searchParams.get('ref') ?? '');
        const text = files?.get(match[3] as string);
        if (text === undefined) return this.json(response, 404, { message: 'Not Found' });
        if (!String(request.headers.accept).includes('raw')) return this.json(response, 415, { message: 'test server serves raw only' });
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(text);
      },
    ],
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/git\/trees\/([^/]+)$/,
      (match, _url, _request, _body, response) => {
        const files = this.commits.get(match[3] as string);
        if (!files) return this.json(response, 404, { message: 'Not Found' });
        const tree = [...files.keys()].map((path) => ({
          path,
          mode: '100644',
          type: 'blob',
          sha: '0'.repeat(40),
          size: files.get(path)?.length,
        }));
        this.json(response, 200, { sha: match[3], url: '', tree, truncated: false });
      },
    ],
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      (match, url, _request, _body, response) => {
        const all = this.comments.filter((comment) => comment.issueNumber === Number(match[3]));
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.pageSize);
        const page = Number(url.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(all.length / perPage));
        const headers: Record<string, string> = {};
        if (page < pages) {
          const next = new URL(url.toString().replace('http://127.0.0.1', this.baseUrl));
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        const slice = all.slice((page - 1) * perPage, page * perPage);
        this.json(
          response,
          200,
          slice.map((comment) => this.commentJson(match[1] as string, match[2] as string, comment)),
          headers,
        );
      },
    ],
    [
      /^POST \/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      (match, _url, _request, body, response) => {
        const comment = this.addComment(Number(match[3]), (body as { body: string }).body);
        this.json(response, 201, this.commentJson(match[1] as string, match[2] as string, comment));
      },
    ],
    [
      /^PATCH \/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      (match, _url, _request, body, response) => {
        const comment = this.comments.find((candidate) => candidate.id === Number(match[3]));
        if (!comment) return this.json(response, 404, { message: 'Not Found' });
        comment.body = (body as { body: string }).body;
        comment.updatedAt = new Date().toISOString();
        this.json(response, 200, this.commentJson(match[1] as string, match[2] as string, comment));
      },
    ],
    [
      /^DELETE \/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      (match, _url, _request, _body, response) => {
        const index = this.comments.findIndex((candidate) => candidate.id === Number(match[3]));
        if (index < 0) return this.json(response, 404, { message: 'Not Found' });
        this.comments.splice(index, 1);
        response.writeHead(204);
        response.end();
      },
    ],
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/,
      (match, _url, _request, _body, response) => this.json(response, 200, this.pullFiles.get(Number(match[3])) ?? []),
    ],
    [
      /^POST \/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/,
      (match, _url, _request, body, response) => {
        const parsed = createReviewSchema.safeParse(body);
        if (!parsed.success) return this.json(response, 422, { message: 'Unprocessable Entity', errors: parsed.error.issues });
        const posted = parsed.data;
        const review: FakeReview = {
          id: this.nextId++,
          pullNumber: Number(match[3]),
          event: posted.event,
          body: posted.body,
          commitId: posted.commit_id,
          user: this.commenter,
        };
        this.reviews.push(review);
        for (const comment of posted.comments ?? []) {
          this.reviewComments.push({
            id: this.nextId++,
            pullNumber: review.pullNumber,
            reviewId: review.id,
            path: comment.path,
            line: comment.line,
            ...(comment.start_line !== undefined ? { startLine: comment.start_line } : {}),
            side: comment.side,
            commitId: posted.commit_id,
            body: comment.body,
            user: this.commenter,
          });
        }
        this.json(response, 200, this.reviewJson(review));
      },
    ],
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/,
      (match, _url, _request, _body, response) =>
        this.json(
          response,
          200,
          this.reviews.filter((review) => review.pullNumber === Number(match[3])).map((review) => this.reviewJson(review)),
        ),
    ],
    [
      /^PUT \/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews\/(\d+)$/,
      (match, _url, _request, body, response) => {
        const review = this.reviews.find((candidate) => candidate.id === Number(match[4]) && candidate.pullNumber === Number(match[3]));
        if (!review) return this.json(response, 404, { message: 'Not Found' });
        const parsed = updateReviewSchema.safeParse(body);
        if (!parsed.success) return this.json(response, 422, { message: 'Unprocessable Entity', errors: parsed.error.issues });
        review.body = parsed.data.body;
        this.json(response, 200, this.reviewJson(review));
      },
    ],
    [
      /^GET \/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/,
      (match, _url, _request, _body, response) =>
        this.json(
          response,
          200,
          this.reviewComments
            .filter((comment) => comment.pullNumber === Number(match[3]))
            .map((comment) => ({
              id: comment.id,
              pull_request_review_id: comment.reviewId,
              path: comment.path,
              line: comment.line,
              side: comment.side,
              commit_id: comment.commitId,
              body: comment.body,
              html_url: `https://github.com/${match[1]}/${match[2]}/pull/${comment.pullNumber}#discussion_r${comment.id}`,
              user: { ...comment.user, node_id: `U_${comment.user.id}` },
            })),
        ),
    ],
    [
      /^DELETE \/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/,
      (match, _url, _request, _body, response) => {
        const index = this.reviewComments.findIndex((candidate) => candidate.id === Number(match[3]));
        if (index < 0) return this.json(response, 404, { message: 'Not Found' });
        this.reviewComments.splice(index, 1);
        response.writeHead(204);
        response.end();
      },
    ],
    [
      /^GET \/user$/,
      (_match, _url, _request, _body, response) =>
        this.personalToken
          ? this.json(response, 200, { login: this.commenter.login, id: this.commenter.id, type: this.commenter.type })
          : this.json(response, 403, { message: 'Resource not accessible by integration', status: '403' }),
    ],
  ];

  private reviewJson(review: FakeReview) {
    return {
      id: review.id,
      body: review.body,
      state: 'COMMENTED',
      commit_id: review.commitId,
      user: { ...review.user, node_id: `U_${review.user.id}` },
    };
  }

  private commentJson(owner: string, repo: string, comment: FakeComment) {
    return {
      url: `${this.baseUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${this.baseUrl}/repos/${owner}/${repo}/issues/${comment.issueNumber}`,
      id: comment.id,
      node_id: `IC_kwDO${comment.id}`,
      user: { ...comment.user, node_id: `U_${comment.user.id}`, html_url: `https://github.com/${comment.user.login}` },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      body: comment.body,
      reactions: { total_count: 0 },
    };
  }

  private json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...headers,
    });
    response.end(JSON.stringify(body));
  }
}
