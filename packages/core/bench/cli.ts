/**
 * The `cli` phase of `pnpm bench`: what a user waits for. The CLI (and the Action's bundle) run as fresh
 * processes next to a bare `node -e 0` of the same Node, alternating run by run so that load from others
 * on the machine falls on both alike, on Node 20 and Node 24. Prints medians, spread (p10–p90) and the
 * ratio of medians, then the cold in-process breakdown from one fresh process (bench/cold.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const LOCKFILE = join(root, 'packages/core/test/fixtures/corpus/deno__98f9507a.large.Cargo.lock');
const CLI = join(root, 'packages/cli/bin/runtime-guard.cjs');
const ACTION = join(root, 'dist/index.js');
/** The targets: CLI whole process over bare node, per Node major. */
const TARGETS: Record<number, number> = { 20: 1.5, 24: 2.0 };

interface Subject {
  readonly label: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** A Node of that major: this one when it matches, else from the npm registry (`npx -y node@N`). */
export function nodeOf(major: number): string | undefined {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  try {
    return execFileSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

function wallMs(node: string, subject: Subject): number {
  const start = performance.now();
  // Output into pipes, as CI captures it (a pipe makes Node load more for process.stdout than /dev/null does).
  const result = spawnSync(node, subject.args, {
    cwd: subject.cwd ?? root,
    env: subject.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${subject.label} exited with ${result.status ?? result.signal}`);
  return elapsed;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

/** A checked-out workspace and the runner's environment, in which the Action audits the deno lockfile without a request (workflow_dispatch). */
function actionRunner(): { env: NodeJS.ProcessEnv; cwd: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-guard-bench-'));
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  copyFileSync(LOCKFILE, join(workspace, 'Cargo.lock'));
  // A checkout of the commit the run is for: the Action reads the workspace, as after actions/checkout.
  const git = (...args: string[]) => execFileSync('git', ['-C', workspace, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', 'Cargo.lock');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'bench');
  const sha = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'event.json'), '{}');
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'bench/bench',
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    // Nothing listens here: a request would fail the step, and the run with it.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
    INPUT_TOKEN: 'bench-token',
    INPUT_LOCKFILES: '**/Cargo.lock',
    INPUT_COMMENT: 'never',
    'INPUT_FAIL-ON': 'never',
  };
  return { env, cwd: workspace, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the phase; `runs` pairs per subject and Node. */
export function benchCli(runs: number): void {
  if (!existsSync(join(root, 'packages/cli/bundle/index.cjs'))) {
    console.log('cli phase: the CLI bundle is not built (pnpm build)');
    return;
  }
  const runner = existsSync(ACTION) ? actionRunner() : undefined;
  const subjects: Subject[] = [
    { label: 'CLI audit (deno, 1,128 packages)', args: [CLI, 'audit', LOCKFILE, '--fail-on', 'never'] },
    // The first run on a machine (or a runner that starts empty): no compiled code cached by Node 22+.
    {
      label: 'CLI audit, compile cache off',
      args: [CLI, 'audit', LOCKFILE, '--fail-on', 'never'],
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
    ...(runner ? [{ label: 'Action dist/index.js (same lockfile)', args: [ACTION], cwd: runner.cwd, env: runner.env }] : []),
    // Another build to compare with in the same alternation, e.g. main's: BENCH_BASELINE_CLI=/path/to/bin/runtime-guard.cjs
    ...(process.env.BENCH_BASELINE_CLI
      ? [{ label: 'baseline CLI (BENCH_BASELINE_CLI)', args: [process.env.BENCH_BASELINE_CLI, 'audit', LOCKFILE, '--fail-on', 'never'] }]
      : []),
  ];
  const rows: Record<string, string | number>[] = [];
  try {
    for (const major of [20, 24]) {
      const node = nodeOf(major);
      if (!node) {
        console.log(`cli phase: no Node ${major} (npx -y node@${major} failed)`);
        continue;
      }
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      const bare: Subject = { label: 'bare node -e 0', args: ['-e', '0'] };
      for (const subject of subjects) wallMs(node, subject); // once, so the files are in the page cache
      const times = new Map<Subject, number[]>([[bare, []], ...subjects.map((subject) => [subject, []] as [Subject, number[]])]);
      for (let run = 0; run < runs; run++) {
        for (const subject of [bare, ...subjects]) times.get(subject)?.push(wallMs(node, subject));
      }
      const bareSorted = [...(times.get(bare) ?? [])].sort((a, b) => a - b);
      const bareMedian = quantile(bareSorted, 0.5);
      for (const [subject, list] of times) {
        const sorted = [...list].sort((a, b) => a - b);
        const median = quantile(sorted, 0.5);
        const ratio = median / bareMedian;
        const target = subject === subjects[0] ? TARGETS[major] : undefined;
        rows.push({
          node: version,
          process: subject.label,
          runs,
          'median ms': Number(median.toFixed(1)),
          'p10–p90 ms': `${quantile(sorted, 0.1).toFixed(0)}–${quantile(sorted, 0.9).toFixed(0)}`,
          '× bare': subject === bare ? 1 : Number(ratio.toFixed(2)),
          target: target ? `≤ ${target}× ${ratio <= target ? 'met' : 'MISSED'}` : '',
        });
      }
      const cold = spawnSync(node, [fileURLToPath(new URL('./cold.mjs', import.meta.url)), LOCKFILE], { encoding: 'utf8' });
      console.log(`cold in-process breakdown, one fresh process, ${version}, ms: ${cold.stdout.trim() || cold.stderr.trim()}`);
    }
  } finally {
    runner?.cleanup();
  }
  console.table(rows);
}

// `pnpm bench:cli`: this phase alone (`--quick` for the short version).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  benchCli(process.argv.includes('--quick') ? 5 : 21);
}
