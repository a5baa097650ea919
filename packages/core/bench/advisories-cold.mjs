// One cold process: the first load and match of the bundled RustSec advisories on one lockfile, as the
// rustsec-advisory rule does it in a user's fresh run (every crate looked up, every version of a crate
// with advisories matched; vulnerabilities skipped unless asked, as the default policy does). Plain
// JavaScript on the built dist/, timed from nothing loaded to all matched. Prints one JSON line.
// Usage: node packages/core/bench/advisories-cold.mjs path/to/Cargo.lock [--vulnerabilities]
import { readFileSync } from 'node:fs';

const core = await import('../dist/index.js');
const vulnerabilities = process.argv.includes('--vulnerabilities');
const graph = core.buildGraph(core.parseLockfile(readFileSync(process.argv[2], 'utf8')));
const cpu = process.cpuUsage();
const start = performance.now();
const database = core.bundledAdvisories();
let advisories = 0;
let matches = 0;
// As the rule loops (rules/rustsec-advisory.ts): one query object, crates without advisories skipped at once.
const query = { vulnerabilities };
for (const [crate, nodes] of graph.byName) {
  const found = database.advisoriesFor(crate, query);
  if (found.length === 0) continue;
  for (const advisory of found) {
    if (!vulnerabilities && advisory.kind === 'vulnerability') continue;
    advisories++;
    for (const node of nodes) if (core.isAffected(advisory, graph.packages[node].version)) matches++;
  }
}
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, advisories, matches }));
