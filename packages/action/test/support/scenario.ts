import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { type ActionRun, type RunOptions, runAction, TestRepo } from './action-run.js';
import { FakeGitHub } from './fake-github.js';

/** The event payload fixture for each event the tests play. */
export const EVENT_FIXTURES = {
  pull_request: 'pull_request.synchronize.json',
  pull_request_target: 'pull_request_target.opened.fork.json',
  push: 'push.json',
  merge_group: 'merge_group.checks_requested.json',
  workflow_dispatch: 'workflow_dispatch.json',
} as const;

/** A git repository, the fake GitHub serving its commits, and a way to run the action on them. */
export class Scenario {
  readonly repo = new TestRepo();
  readonly github = new FakeGitHub();

  async start(): Promise<this> {
    await this.github.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.github.stop();
    this.repo.remove();
  }

  /** Commits files (null deletes) and serves the commit through the fake API. */
  commit(files: Record<string, string | null>, message?: string): string {
    const sha = this.repo.commit(files, message);
    this.github.commit(sha, this.repo.snapshots.get(sha) ?? {});
    return sha;
  }

  /** Commits a base then a head (left checked out), as a pull request would have them. */
  change(base: Record<string, string | null>, head: Record<string, string | null>): { base: string; head: string } {
    return { base: this.commit(base, 'base'), head: this.commit(head, 'head') };
  }

  /** Gives the fake GitHub the pull request's files (`paths`, modified), with their real git patches between two commits. */
  pullRequestFiles(pullNumber: number, shas: { base: string; head: string }, paths: readonly string[]): void {
    this.github.pullFiles.set(
      pullNumber,
      paths.map((path) => {
        const diff = this.repo.git('diff', '--unified=3', shas.base, shas.head, '--', path);
        return { filename: path, status: 'modified' as const, patch: diff.slice(diff.indexOf('@@')) };
      }),
    );
  }

  /** Runs the action for an event, in the repository's workspace unless told otherwise. */
  run(event: keyof typeof EVENT_FIXTURES, shas: RunOptions['shas'], options: Partial<RunOptions> = {}): Promise<ActionRun> {
    return runAction({ apiUrl: this.github.url, event, eventFixture: EVENT_FIXTURES[event], shas, workspace: this.repo.dir, ...options });
  }
}

/**
 * What every run on the example change must leave, whatever GitHub did: the summary with the report,
 * the outputs, an exit status from fail-on, and no stack trace.
 */
export function expectResultKept(result: ActionRun, failOnExit: number): void {
  expect(result.summary).toContain('## runtime-guard');
  expect(result.summary.replace(/\\(.)/g, '$1')).toContain('async-std 1.13.1');
  expect(result.outputs.introduced).toBe('1');
  expect(result.outputs.runtimes).toBe('async-std,tokio');
  expect(JSON.parse(result.outputs.report ?? '{}').schemaVersion).toBe(1);
  expect(result.code).toBe(failOnExit);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** Every file under `folder`, by its path relative to it (a fixture workspace to commit). */
export function readTree(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(folder, full).split(sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

/** Starts a fresh Scenario before each test of the file (handed to `use`) and stops it after. */
export function useScenario(use: (scenario: Scenario) => void): void {
  let current: Scenario | undefined;
  beforeEach(async () => {
    current = await new Scenario().start();
    use(current);
  });
  afterEach(() => current?.stop());
}

/**
 * An empty folder per test, for runs with nothing checked out (`workspace: emptyFolder()`): made
 * before each test of the file and removed after.
 */
export function useEmptyWorkspace(): () => string {
  let folder = '';
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'runtime-guard-empty-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  return () => folder;
}
