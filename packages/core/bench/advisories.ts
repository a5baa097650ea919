/**
 * Loading and matching the bundled advisories on the deno lockfile (the largest fixture), budget 2 ms:
 * the first run indexes the rows and parses those of the crates present; the rule's run adds the
 * why-paths of what it finds.
 */
import { readFileSync } from 'node:fs';
import { bundledAdvisories } from '../src/advisories/bundled.js';
import { isAffected } from '../src/advisories/match.js';
import { buildGraph, parseLockfile } from '../src/index.js';
import { defaultPolicy } from '../src/policy/defaults.js';
import { buildContext } from '../src/rules/context.js';
import { rustsecAdvisory } from '../src/rules/rustsec-advisory.js';

function loadAndMatch(graph: ReturnType<typeof buildGraph>): number {
  const database = bundledAdvisories();
  let matches = 0;
  for (const [crate, nodes] of graph.byName) {
    for (const advisory of database.advisoriesFor(crate)) {
      for (const node of nodes) if (isAffected(advisory, graph.packages[node]?.version ?? '')) matches++;
    }
  }
  return matches;
}

export function benchAdvisories(path: string, runs: number): Record<string, number | string> {
  const graph = buildGraph(parseLockfile(readFileSync(path, 'utf8')));
  let start = performance.now();
  const matches = loadAndMatch(graph);
  const firstMs = performance.now() - start;
  start = performance.now();
  for (let run = 0; run < runs; run++) loadAndMatch(graph);
  const warmMs = (performance.now() - start) / runs;
  start = performance.now();
  const findings = rustsecAdvisory.check(buildContext(graph, defaultPolicy, '2026-11-24')).length;
  const ruleMs = performance.now() - start;
  return {
    lockfile: 'deno (advisories)',
    packages: graph.packages.length,
    'first load+match ms': Number(firstMs.toFixed(3)),
    'warm match ms': Number(warmMs.toFixed(3)),
    'rule with why-paths ms': Number(ruleMs.toFixed(3)),
    matches,
    findings,
    'budget ms': 2,
  };
}
