/**
 * Manifest-aware audit cost: reading every Cargo.toml of a workspace and classifying how each member
 * reaches each runtime crate, next to parsing the workspace's lockfile, in-process and warm. The
 * issue's budget: manifests + classification within the lockfile's parse time on the largest workspace.
 */
import { buildGraph, computeReach, type Graph, parseLockfile, readWorkspace } from '../src/index.js';
import { readWorkspaceFixture, SCOPE_RUNTIMES, workspaceFolders } from '../test/support/workspaces.js';

function warmTime(run: () => void, budgetMs: number): number {
  const warmUntil = performance.now() + budgetMs;
  for (let warm = 0; warm < 3 || performance.now() < warmUntil; warm++) run();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs && runs < 500);
  return elapsed / runs;
}

/** One row per workspace fixture: lockfile parse ms, manifests read ms, reach ms, and the ratio. */
export function benchManifests(budgetMs: number): Record<string, number | string>[] {
  const rows: Record<string, number | string>[] = [];
  for (const folder of workspaceFolders()) {
    const fixture = readWorkspaceFixture(folder);
    const lockfile = parseLockfile(fixture.lock);
    const graph: Graph = buildGraph(lockfile);
    const nodes = SCOPE_RUNTIMES.flatMap((name) => graph.byName.get(name) ?? []);
    const workspace = readWorkspace(fixture.manifests, fixture.root);
    const parseMs = warmTime(() => void parseLockfile(fixture.lock), budgetMs);
    const readMs = warmTime(() => void readWorkspace(fixture.manifests, fixture.root), budgetMs);
    const reachMs = warmTime(() => void computeReach(graph, workspace, nodes), budgetMs);
    rows.push({
      workspace: folder.split('__').slice(0, 2).join('/'),
      packages: lockfile.packages.length,
      manifests: fixture.manifests.size,
      members: workspace.members.length,
      'lockfile parse ms': Number(parseMs.toFixed(3)),
      'manifests read ms': Number(readMs.toFixed(3)),
      'reach ms': Number(reachMs.toFixed(3)),
      '(read+reach)/parse': Number(((readMs + reachMs) / parseMs).toFixed(2)),
    });
  }
  return rows;
}
