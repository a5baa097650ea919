import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The committed bundle, run exactly as the runner runs it. */
export const ACTION_ENTRY = join(here, '..', '..', '..', '..', 'dist', 'index.js');
/** `ACTION_NODE=/path/to/node24` runs the bundle under another Node (CI does this for Node 24). */
const NODE = process.env.ACTION_NODE || process.execPath;

export function fixture(...parts: string[]): string {
  return readFileSync(join(here, '..', 'fixtures', ...parts), 'utf8');
}

/** A git repository in a temporary directory, with every commit's files remembered for the fake API. */
export class TestRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'runtime-guard-action-'));
  readonly snapshots = new Map<string, Record<string, string>>();
  private files: Record<string, string> = {};

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  /** Writes (or with null deletes) files, commits them, and returns the new commit's SHA. */
  commit(changes: Record<string, string | null>, message = 'change'): string {
    for (const [path, text] of Object.entries(changes)) {
      const full = join(this.dir, path);
      if (text === null) {
        rmSync(full, { force: true });
        delete this.files[path];
      } else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
        this.files[path] = text;
      }
    }
    this.git('add', '-A');
    this.git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '--allow-empty', '-m', message);
    const sha = this.git('rev-parse', 'HEAD').trim();
    this.snapshots.set(sha, { ...this.files });
    return sha;
  }

  checkout(sha: string): void {
    this.git('checkout', '-q', '--detach', sha);
    this.files = { ...(this.snapshots.get(sha) ?? {}) };
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What one run of the action left behind. */
export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly annotations: { kind: string; properties: Record<string, string>; message: string }[];
}

export interface RunOptions {
  readonly apiUrl: string;
  readonly event: string;
  /** A file in test/fixtures/events, with __BASE_SHA__, __HEAD_SHA__ and __MERGE_SHA__ replaced. */
  readonly eventFixture: string;
  readonly shas: { base?: string; head: string; merge?: string };
  /** GITHUB_SHA (the commit the run is for); defaults to the head. */
  readonly sha?: string;
  readonly workspace: string;
  readonly inputs?: Record<string, string>;
  readonly env?: Record<string, string>;
  /** Called with the outputs before RUNNER_TEMP is removed (to read files the run left there). */
  readonly keep?: (outputs: Record<string, string>) => void;
}

/** Runs `node dist/index.js` with the environment a GitHub runner gives a JavaScript action. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'runtime-guard-runner-'));
  try {
    const eventPath = join(scratch, 'event.json');
    const payload = fixture('events', options.eventFixture)
      .replaceAll('__BASE_SHA__', options.shas.base ?? '0'.repeat(40))
      .replaceAll('__HEAD_SHA__', options.shas.head)
      .replaceAll('__MERGE_SHA__', options.shas.merge ?? options.shas.head);
    writeFileSync(eventPath, payload);
    const outputPath = join(scratch, 'output');
    const summaryPath = join(scratch, 'summary.md');
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const inputs = { token: 'ghs_test-token', lockfiles: '**/Cargo.lock', comment: 'on-change', 'fail-on': 'error', ...options.inputs };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? scratch,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'shopco/shop',
      GITHUB_REPOSITORY_OWNER: 'shopco',
      GITHUB_SHA: options.sha ?? options.shas.merge ?? options.shas.head,
      GITHUB_REF: options.event.startsWith('pull_request') ? 'refs/pull/42/merge' : 'refs/heads/main',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
      GITHUB_RUN_ID: '1234567890',
      GITHUB_ACTOR: 'contributor',
      RUNNER_TEMP: scratch,
      // Retries and rate-limit waits without sleeping (tests that time a wait set their own unit).
      RUNTIME_GUARD_TEST_WAIT_UNIT_MS: '0',
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
      ...options.env,
    };
    const { code, stdout, stderr } = await spawnNode([ACTION_ENTRY], options.workspace, env);
    const outputs = parseOutputs(readFileSync(outputPath, 'utf8'));
    options.keep?.(outputs);
    return {
      code,
      stdout,
      stderr,
      outputs,
      summary: readFileSync(summaryPath, 'utf8'),
      annotations: parseAnnotations(stdout),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function spawnNode(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Reads the `name<<delimiter` blocks the toolkit writes to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

function unescapeData(text: string): string {
  return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

/**
 * Workflow commands (`::error file=Cargo.lock,line=12,title=…::message`) printed by the step, read as
 * the runner reads them: nothing between `::stop-commands::TOKEN` and `::TOKEN::` counts.
 */
function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const annotations: ActionRun['annotations'] = [];
  let stoppedUntil: string | undefined;
  const active = stdout
    .split('\n')
    .filter((line) => {
      if (stoppedUntil !== undefined) {
        if (line === `::${stoppedUntil}::`) stoppedUntil = undefined;
        return false;
      }
      const stop = /^::stop-commands::(.+)$/.exec(line);
      if (stop) stoppedUntil = stop[1];
      return !stop;
    })
    .join('\n');
  for (const match of active.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)) {
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const [key, ...value] = pair.split('=');
      properties[key as string] = unescapeData(value.join('=')).replaceAll('%3A', ':').replaceAll('%2C', ',');
    }
    annotations.push({ kind: match[1] as string, properties, message: unescapeData(match[3] as string) });
  }
  return annotations;
}
