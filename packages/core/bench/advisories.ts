/**
 * Loading and matching the bundled RustSec advisories on the deno lockfile (the largest fixture), budget
 * 2 ms in process. Cold, as a user's run pays it: each sample is a fresh Node process (`advisories-cold.mjs`
 * on the built dist/), timed from no advisory data read to every crate looked up and every version of a
 * crate with advisories matched; the default policy (vulnerabilities off) alternates with vulnerabilities
 * on, run after run, so load from others on the machine falls on both alike. Warm: the same look-ups and
 * matches again in this process, and the rule's whole check (why-paths of what it finds included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledAdvisories } from '../src/advisories/bundled.js';
import { isAffected } from '../src/advisories/match.js';
import { buildGraph, parseLockfile } from '../src/index.js';
import { defaultPolicy } from '../src/policy/defaults.js';
import { buildContext } from '../src/rules/context.js';
import { DEFAULT_ADVISORY_POLICY, rustsecAdvisory } from '../src/rules/rustsec-advisory.js';
import { quantile } from './cli.js';

const BUDGET_MS = 2;
const COLD = fileURLToPath(new URL('./advisories-cold.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface ColdSample {
  readonly ms: number;
  readonly advisories: number;
  readonly matches: number;
}

function coldSample(path: string, vulnerabilities: boolean): ColdSample {
  const result = spawnSync(process.execPath, [COLD, path, ...(vulnerabilities ? ['--vulnerabilities'] : [])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`advisories-cold.mjs exited with ${result.status ?? result.signal}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ColdSample;
}

function warmLoadAndMatch(graph: ReturnType<typeof buildGraph>, vulnerabilities: boolean): number {
  const database = bundledAdvisories();
  let matches = 0;
  for (const [crate, nodes] of graph.byName) {
    for (const advisory of database.advisoriesFor(crate, { vulnerabilities })) {
      if (!vulnerabilities && advisory.kind === 'vulnerability') continue;
      for (const node of nodes) if (isAffected(advisory, graph.packages[node]?.version ?? '')) matches++;
    }
  }
  return matches;
}

/** One row per policy (default, vulnerabilities on): cold median and spread over `runs` fresh processes, warm figures. */
export function benchAdvisories(path: string, runs: number): Record<string, number | string>[] {
  if (!existsSync(DIST)) throw new Error('the advisories bench runs on the built core: pnpm build first');
  const samples = new Map<boolean, ColdSample[]>([
    [false, []],
    [true, []],
  ]);
  for (let run = 0; run < runs; run++) {
    for (const vulnerabilities of run % 2 === 0 ? [false, true] : [true, false])
      samples.get(vulnerabilities)?.push(coldSample(path, vulnerabilities));
  }
  const graph = buildGraph(parseLockfile(readFileSync(path, 'utf8')));
  const rows: Record<string, number | string>[] = [];
  for (const vulnerabilities of [false, true]) {
    const list = samples.get(vulnerabilities) ?? [];
    const sorted = list.map((sample) => sample.ms).sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    warmLoadAndMatch(graph, vulnerabilities);
    const warmRuns = 50;
    let start = performance.now();
    for (let run = 0; run < warmRuns; run++) warmLoadAndMatch(graph, vulnerabilities);
    const warmMs = (performance.now() - start) / warmRuns;
    const policy = vulnerabilities
      ? { ...defaultPolicy, advisories: { ...DEFAULT_ADVISORY_POLICY, vulnerabilities: true } }
      : defaultPolicy;
    start = performance.now();
    const findings = rustsecAdvisory.check(buildContext(graph, policy, '2026-11-24')).length;
    const ruleMs = performance.now() - start;
    rows.push({
      'deno, 1,128 packages': vulnerabilities ? 'vulnerabilities on' : 'default policy',
      'cold first load+match, median ms': Number(median.toFixed(2)),
      'p10–p90 ms': `${quantile(sorted, 0.1).toFixed(2)}–${quantile(sorted, 0.9).toFixed(2)}`,
      processes: list.length,
      'advisories about crates present': list[0]?.advisories ?? 0,
      'affected versions': list[0]?.matches ?? 0,
      'warm match ms': Number(warmMs.toFixed(3)),
      'rule (why-paths) ms, data warm': Number(ruleMs.toFixed(3)),
      findings,
      budget: vulnerabilities ? '' : `≤ ${BUDGET_MS} ms ${median <= BUDGET_MS ? 'met' : 'MISSED'}`,
    });
  }
  return rows;
}
