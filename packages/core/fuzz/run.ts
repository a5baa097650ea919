/**
 * `pnpm fuzz`: 100,000 generated and mutated lockfiles through parseLockfile (and, when accepted,
 * the whole pipeline) and 100,000 policies through loadPolicy. Fails on any exception that is not
 * the parser's own error type and on any case slower than 1 s; each crasher is written to
 * test/fixtures/fuzz-regressions/, which the normal tests replay.
 *
 *   pnpm fuzz [--cases 100000] [--seed 1]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../test/support/fixtures.js';
import { type FuzzCase, lockfileCases, policyCases, runCase, SLOW_CASE_MS } from '../test/support/fuzz.js';
import { POLICY_SEEDS } from '../test/support/policy-seeds.js';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
};
const cases = argument('cases', 100_000);
const seed = argument('seed', Date.now() % 1_000_000);

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const regressions = `${fixtures}fuzz-regressions/`;
// The hand-made examples and the corpus lockfiles the tests single out (every format, v1 to v4).
const lockfileSeeds = [...readdirSync(fixtures).filter((name) => name.endsWith('.Cargo.lock')), ...Object.values(FIXTURES)].map((name) =>
  readFileSync(fixtures + name, 'utf8'),
);

let failures = 0;
function check(fuzzCase: FuzzCase, counts: Record<string, number>): void {
  const started = performance.now();
  let problem: string | undefined;
  try {
    const outcome = runCase(fuzzCase);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  } catch (error) {
    problem = `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`;
  }
  const elapsed = performance.now() - started;
  if (!problem && elapsed > SLOW_CASE_MS) problem = `took ${elapsed.toFixed(0)} ms`;
  if (!problem) return;
  failures++;
  mkdirSync(regressions, { recursive: true });
  const name = `${fuzzCase.target}-${createHash('sha256').update(fuzzCase.text).digest('hex').slice(0, 12)}.txt`;
  writeFileSync(regressions + name, fuzzCase.text);
  console.error(`✗ ${name}: ${problem.split('\n')[0]}`);
}

const started = performance.now();
for (const [target, generator] of [
  ['lockfile', lockfileCases(seed, cases, lockfileSeeds)],
  ['policy', policyCases(seed, cases, POLICY_SEEDS)],
] as const) {
  const counts: Record<string, number> = {};
  const phase = performance.now();
  for (const fuzzCase of generator) check(fuzzCase, counts);
  console.log(
    `${target}: ${cases} cases, seed ${seed}: ${counts.accepted ?? 0} accepted, ${counts.refused ?? 0} refused with a clear error (${((performance.now() - phase) / 1000).toFixed(1)} s)`,
  );
}
console.log(
  `${failures === 0 ? 'clean' : `${failures} failing cases written to test/fixtures/fuzz-regressions/`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failures === 0 ? 0 : 1;
