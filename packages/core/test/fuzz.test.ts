import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readFixture } from './support/fixtures.js';
import { type FuzzCase, lockfileCases, policyCases, runCase, SLOW_CASE_MS } from './support/fuzz.js';
import { POLICY_SEEDS } from './support/policy-seeds.js';

// `pnpm fuzz` runs 100,000 cases of each kind with a fresh seed; here a fixed-seed sample runs on every test run.
const SEED = 20261124;
const CASES = 2_000;

function expectHandled(fuzzCase: FuzzCase): string {
  const started = performance.now();
  const outcome = runCase(fuzzCase);
  expect(performance.now() - started).toBeLessThan(SLOW_CASE_MS);
  return outcome;
}

describe('fuzzing (fixed seed)', () => {
  it(`${CASES} mutated lockfiles end in a result or a LockfileError`, () => {
    const seeds = [FIXTURES.sqlxTideV1, FIXTURES.vaultwardenV2, FIXTURES.vaultwardenV3, FIXTURES.sqlxMultiRuntime].map(readFixture);
    const outcomes = new Set<string>();
    for (const fuzzCase of lockfileCases(SEED, CASES, seeds)) outcomes.add(expectHandled(fuzzCase));
    // The generator reaches both ends: inputs the parser accepts and inputs it refuses.
    expect(outcomes).toEqual(new Set(['accepted', 'refused']));
  });

  it(`${CASES} mutated policies end in a result or a PolicyError`, () => {
    const outcomes = new Set<string>();
    for (const fuzzCase of policyCases(SEED, CASES, POLICY_SEEDS)) outcomes.add(expectHandled(fuzzCase));
    expect(outcomes).toEqual(new Set(['accepted', 'refused']));
  });

  it('replays every input pnpm fuzz ever saved', () => {
    const directory = fileURLToPath(new URL('./fixtures/fuzz-regressions/', import.meta.url));
    for (const name of readdirSync(directory).filter((file) => file.endsWith('.txt'))) {
      const target = name.startsWith('policy-') ? 'policy' : 'lockfile';
      expect(() => expectHandled({ target, text: readFileSync(directory + name, 'utf8') }), name).not.toThrow();
    }
  });

  it('lets an unexpected exception through (the harness can fail)', () => {
    // No text at all makes parseLockfile fail with a TypeError, not a LockfileError: the harness must report it.
    expect(() => runCase({ target: 'lockfile', text: undefined as unknown as string })).toThrow(TypeError);
  });
});
