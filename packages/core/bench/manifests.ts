/**
 * Manifest-aware audit cost: reading every Cargo.toml of a workspace and classifying how each member
 * reaches each runtime crate, next to parsing the workspace's lockfile, in-process and warm. The
 * issue's budget: manifests + classification within the lockfile's parse time on the largest workspace.
 *
 * The three are timed in alternating rounds (parse, read, reach, parse, …) after a warm-up, and each
 * figure is a median over the rounds: on a shared machine the load changes from second to second, and
 * timing one phase after the other lets a busy moment land on one side of the ratio only. The ratio
 * is the median of the rounds' own ratios.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, computeReach, type Graph, parseLockfile, readWorkspace } from '../src/index.js';
import { readWorkspaceFixture, SCOPE_RUNTIMES, workspaceFolders } from '../test/support/workspaces.js';

/** Mean ms of one `run`, over as many runs as fit in `budgetMs` (at least one). */
function timeRuns(run: () => void, budgetMs: number): number {
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return elapsed / runs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One row per workspace fixture: lockfile parse ms, manifests read ms, reach ms (medians), and the median ratio. */
export function benchManifests(budgetMs: number): Record<string, number | string>[] {
  const rows: Record<string, number | string>[] = [];
  const rounds = 15;
  const slice = budgetMs / rounds;
  for (const folder of workspaceFolders()) {
    const fixture = readWorkspaceFixture(folder);
    const lockfile = parseLockfile(fixture.lock);
    const graph: Graph = buildGraph(lockfile);
    const nodes = SCOPE_RUNTIMES.flatMap((name) => graph.byName.get(name) ?? []);
    const workspace = readWorkspace(fixture.manifests, fixture.root);
    const parse = () => void parseLockfile(fixture.lock);
    const read = () => void readWorkspace(fixture.manifests, fixture.root);
    const reach = () => void computeReach(graph, workspace, nodes);
    // Warm up for as long as we measure, so the JIT has optimised the code before the clock runs.
    for (const run of [parse, read, reach]) timeRuns(run, budgetMs);
    const parseMs: number[] = [];
    const readMs: number[] = [];
    const reachMs: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const p = timeRuns(parse, slice);
      const r = timeRuns(read, slice);
      const c = timeRuns(reach, slice);
      parseMs.push(p);
      readMs.push(r);
      reachMs.push(c);
      ratios.push((r + c) / p);
    }
    rows.push({
      workspace: folder.split('__').slice(0, 2).join('/'),
      packages: lockfile.packages.length,
      manifests: fixture.manifests.size,
      members: workspace.members.length,
      'lockfile parse ms': Number(median(parseMs).toFixed(3)),
      'manifests read ms': Number(median(readMs).toFixed(3)),
      'reach ms': Number(median(reachMs).toFixed(3)),
      '(read+reach)/parse': Number(median(ratios).toFixed(2)),
    });
  }
  return rows;
}

// `tsx packages/core/bench/manifests.ts`: this phase alone (`--quick` for the short version).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.table(benchManifests(process.argv.includes('--quick') ? 30 : 300));
}
