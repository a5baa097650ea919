/**
 * `pnpm bench`: times each phase of the core pipeline on every fixture and on synthetic lockfiles of
 * 1k, 10k and 100k packages, warm (after warm-up runs), and prints ms per phase and µs per package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { analyze, buildGraph, type Graph, parseLockfile, whyPaths } from '../src/index.js';
import { FIXTURES } from '../test/support/fixtures.js';
import { generateModel, serializeLockfile } from '../test/support/synthetic.js';
import { benchAdvisories } from './advisories.js';
import { benchCli } from './cli.js';
import { benchAdvisoryStartup } from './cli-advisories.js';
import { benchManifests } from './manifests.js';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Phase {
  name: string;
  run: (state: State) => void;
}
interface State {
  text: string;
  lockfile?: ReturnType<typeof parseLockfile>;
  graph?: Graph;
}

/** Crates whose why-paths the audit asks for: the runtime and framework crates. */
const WHY_TARGETS = ['tokio', 'async-std', 'smol', 'hyper', 'axum', 'actix-web', 'reqwest', 'async-io', 'futures-executor', 'warp'];

const PHASES: Phase[] = [
  { name: 'toml', run: (state) => void parseToml(state.text) },
  {
    name: 'parse',
    run: (state) => {
      state.lockfile = parseLockfile(state.text);
    },
  },
  {
    name: 'graph',
    run: (state) => {
      state.graph = buildGraph(state.lockfile as NonNullable<State['lockfile']>);
    },
  },
  {
    name: 'why',
    run: (state) => {
      const graph = state.graph as Graph;
      for (const target of WHY_TARGETS) whyPaths(graph, target, { limit: 3 });
      // Synthetic lockfiles have no runtime crates: ask about ten real names of theirs instead.
      const names = [...graph.byName.keys()];
      for (let k = 0; k < 10; k++) whyPaths(graph, names[Math.floor((k * names.length) / 10)] as string, { limit: 3 });
    },
  },
  { name: 'rules', run: (state) => void analyze(state.graph as Graph) },
];

function time(state: State, phase: Phase, budgetMs: number): number {
  // Warm up for as long as we measure, so the JIT has optimised the code before the clock runs.
  const warmUntil = performance.now() + budgetMs;
  for (let warm = 0; warm < 3 || performance.now() < warmUntil; warm++) phase.run(state);
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    phase.run(state);
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs && runs < 500);
  return elapsed / runs;
}

function measure(label: string, text: string, packages: number, budgetMs: number): Record<string, number | string> {
  const state: State = { text };
  const row: Record<string, number | string> = { lockfile: label, packages };
  let total = 0;
  for (const phase of PHASES) {
    const ms = time(state, phase, budgetMs);
    row[`${phase.name} ms`] = Number(ms.toFixed(3));
    if (phase.name !== 'toml') total += ms;
  }
  row['parse+graph+why+rules ms'] = Number(total.toFixed(3));
  row['µs/package'] = Number(((total * 1000) / packages).toFixed(2));
  row['(graph+why)/toml'] = Number((((row['graph ms'] as number) + (row['why ms'] as number)) / (row['toml ms'] as number)).toFixed(3));
  return row;
}

// --quick (CI): a short run that proves the benchmark works without spending minutes.
const quick = process.argv.includes('--quick');
const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const rows: Record<string, number | string>[] = [];
// Loading and matching the bundled advisory data: cold in fresh processes, warm here (bench/advisories.ts).
const coldProcesses = quick ? 5 : 21;
console.log(
  `advisory data, first load+match on deno: ${coldProcesses} fresh processes per policy on the built dist/, alternating (bench/advisories-cold.mjs); warm figures in this process`,
);
console.table(benchAdvisories(`${fixtures}${FIXTURES.denoLarge}`, coldProcesses));
// The hand-made examples and the corpus lockfiles the tests single out (the whole corpus would take minutes).
const benchmarked = [...readdirSync(fixtures).filter((file) => file.endsWith('.Cargo.lock')), ...Object.values(FIXTURES)].sort((a, b) =>
  baseName(a).localeCompare(baseName(b)),
);
for (const name of benchmarked) {
  const text = readFileSync(fixtures + name, 'utf8');
  rows.push(measure(baseName(name).replace('.Cargo.lock', ''), text, parseLockfile(text).packages.length, quick ? 30 : 300));
}
for (const size of quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]) {
  const text = serializeLockfile(generateModel(size, 42), 4);
  rows.push(measure(`synthetic ${size / 1000}k (v4)`, text, size, quick ? 50 : size >= 100_000 ? 3000 : 1000));
}
console.table(rows);
const synthetic = rows.filter((row) => String(row.lockfile).startsWith('synthetic'));
const perPackage = synthetic.map((row) => row['µs/package'] as number);
console.log(
  `µs per package from 1k to 100k: ${perPackage.join(' → ')} (max/min ${(Math.max(...perPackage) / Math.min(...perPackage)).toFixed(2)}×, target ≤ 2×)`,
);

// Manifest-aware audit: every Cargo.toml of the workspace read + reach classified, next to the lockfile's parse.
const manifestRows = benchManifests(quick ? 30 : 300);
console.table(manifestRows);
const largest = manifestRows.reduce((a, b) => ((b.packages as number) > (a.packages as number) ? b : a));
console.log(
  `largest workspace (${largest.workspace}, ${largest.manifests} manifests): manifests read + reach ${(
    (largest['manifests read ms'] as number) + (largest['reach ms'] as number)
  ).toFixed(2)} ms vs lockfile parse ${largest['lockfile parse ms']} ms (${largest['(read+reach)/parse']}×, target ≤ 1×)`,
);

// The CLI's and the Action's whole process, next to bare node, on Node 20 and 24 (bench/cli.ts).
benchCli(quick ? 5 : 21);
// What the bundled advisory data adds to the CLI's start: the bundle against a scratch copy without it (bench/cli-advisories.ts).
benchAdvisoryStartup(quick ? 5 : 41);
