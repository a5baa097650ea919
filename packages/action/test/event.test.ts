import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRevisions } from '../src/event.js';

const events = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'events');
const scratch = mkdtempSync(join(tmpdir(), 'runtime-guard-event-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const MERGE = 'd'.repeat(40);

function payload(name: string, base = BASE): string {
  const path = join(scratch, name);
  writeFileSync(
    path,
    readFileSync(join(events, name), 'utf8')
      .replaceAll('__BASE_SHA__', base)
      .replaceAll('__HEAD_SHA__', HEAD)
      .replaceAll('__MERGE_SHA__', MERGE),
  );
  return path;
}

describe('resolveRevisions', () => {
  it('pull_request: base and head SHAs; the workspace may be the head or the merge commit', () => {
    const revisions = resolveRevisions(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payload('pull_request.synchronize.json'), GITHUB_SHA: MERGE },
      {},
    );
    expect(revisions).toEqual({
      event: 'pull_request',
      pullRequest: { number: 42 },
      base: BASE,
      head: HEAD,
      workspaceCommits: [HEAD, MERGE],
    });
  });

  it('pull_request_target: GITHUB_SHA is the base branch, so only the head SHA counts as checked out', () => {
    const revisions = resolveRevisions(
      { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: payload('pull_request_target.opened.fork.json'), GITHUB_SHA: BASE },
      {},
    );
    expect(revisions.workspaceCommits).toEqual([HEAD]);
    expect(revisions.pullRequest).toEqual({ number: 42 });
  });

  it('push: before → after, and no base for a new branch', () => {
    expect(resolveRevisions({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push.json') }, {})).toMatchObject({
      base: BASE,
      head: HEAD,
    });
    const created = resolveRevisions({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push.json', '0'.repeat(40)) }, {});
    expect(created.base).toBeUndefined();
    expect(created.pullRequest).toBeUndefined();
  });

  it('merge_group: the queue base and head', () => {
    expect(
      resolveRevisions({ GITHUB_EVENT_NAME: 'merge_group', GITHUB_EVENT_PATH: payload('merge_group.checks_requested.json') }, {}),
    ).toMatchObject({ base: BASE, head: HEAD, workspaceCommits: [HEAD] });
  });

  it('workflow_dispatch and schedule: a full audit of GITHUB_SHA, unless base-ref asks for a diff', () => {
    const env = { GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: HEAD };
    expect(resolveRevisions(env, {})).toEqual({ event: 'schedule', head: HEAD, workspaceCommits: [HEAD] });
    expect(
      resolveRevisions(
        { ...env, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: payload('workflow_dispatch.json') },
        { baseRef: 'main' },
      ),
    ).toMatchObject({ base: 'main', head: HEAD });
  });

  it('head-ref replaces the head and what counts as checked out', () => {
    const revisions = resolveRevisions({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push.json') }, { headRef: 'release' });
    expect(revisions).toMatchObject({ base: BASE, head: 'release', workspaceCommits: ['release'] });
  });

  it('says what is wrong with a payload or the environment', () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ pull_request: { number: 42, base: { sha: 'nope', ref: 'main' }, head: { sha: HEAD, ref: 'x' } } }),
    );
    expect(() => resolveRevisions({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: broken }, {})).toThrow(
      'The pull_request event payload has no usable pull_request.base.sha: a commit SHA.',
    );
    expect(() => resolveRevisions({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(scratch, 'missing.json') }, {})).toThrow(
      /GITHUB_EVENT_PATH .*missing\.json: cannot read the event payload/,
    );
    expect(() => resolveRevisions({}, {})).toThrow('GITHUB_EVENT_NAME is not set');
    expect(() => resolveRevisions({ GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: '' }, {})).toThrow(
      'GITHUB_SHA is "": expected a commit SHA.',
    );
  });
});
