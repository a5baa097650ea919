import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Range from 'semver/classes/range.js';
import valid from 'semver/functions/valid.js';
import { describe, expect, it } from 'vitest';
import * as discouraged from '../src/knowledge/discouraged.js';
import * as frameworks from '../src/knowledge/frameworks.js';
import * as stack from '../src/knowledge/runtime-stack.js';
import * as runtimes from '../src/knowledge/runtimes.js';
import * as switches from '../src/knowledge/switches.js';
import { compileSimpleRange } from '../src/rules/simple-range.js';
import { versionInRange } from '../src/rules/versions.js';
import { readStrictVersion as parseFullVersion } from '../src/version-order.js';
import { lockfilesUnder } from './support/fixtures.js';

/** Every `versions` string anywhere in the knowledge base's data. */
function knowledgeRanges(): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'versions' && typeof inner === 'string') found.add(inner);
        else walk(inner);
      }
  };
  for (const module of [discouraged, frameworks, stack, runtimes, switches]) walk(Object.values(module));
  return [...found];
}

/** What semver says, as versions.ts asked it before the quick test: loose, prereleases included. */
function semverSays(version: string, range: string): boolean {
  const exact = valid(version, { loose: true });
  return exact !== null && new Range(range, { includePrerelease: true, loose: true }).test(exact);
}

const CORPUS_VERSIONS = [
  ...new Set(
    lockfilesUnder(new URL('./fixtures/', import.meta.url).pathname).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/^version = "([^"]+)"$/gm)].map((match) => match[1] as string),
    ),
  ),
];
const EDGES = [
  '0.2.0-0',
  '0.3.0-0',
  '0.3.0-alpha.1',
  '0.3.0-alpha.10',
  '0.3.0-alpha.9',
  '0.3.0-rc',
  '0.3.0',
  '1.0.0-0',
  '1.0.0+build',
  '1.0.0-beta+x',
  '0.0.0',
];

describe('the quick range test (rules/simple-range.ts)', () => {
  const ranges = knowledgeRanges();

  it('takes every range the knowledge base writes', () => {
    expect(ranges.length).toBeGreaterThan(40);
    expect(ranges.filter((range) => compileSimpleRange(range) === undefined)).toEqual([]);
  });

  it('agrees with semver on every version of the corpus, for every range of the knowledge base', () => {
    expect(CORPUS_VERSIONS.length).toBeGreaterThan(1_500);
    const disagreements: string[] = [];
    for (const range of ranges) {
      const test = compileSimpleRange(range);
      for (const version of [...CORPUS_VERSIONS, ...EDGES]) {
        const full = parseFullVersion(version);
        if (!full || !test) continue;
        if (test(full) !== semverSays(version, range)) disagreements.push(`${version} in ${range}`);
        if (versionInRange(version, range) !== semverSays(version, range)) disagreements.push(`versionInRange ${version} ${range}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees with semver on generated versions and comparators, prereleases and build metadata included', () => {
    const identifier = fc.oneof(fc.nat({ max: 12 }).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'a1', '0a', 'x-y'));
    const version = fc
      .tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.array(identifier, { maxLength: 3 }), fc.boolean())
      .map(
        ([major, minor, patch, pre, build]) => `${major}.${minor}.${patch}${pre.length ? `-${pre.join('.')}` : ''}${build ? '+b.1' : ''}`,
      );
    const comparator = fc.tuple(
      fc.constantFrom('', '=', '>', '>=', '<', '<='),
      version.filter((text) => !text.includes('+')),
    );
    const range = fc.array(comparator, { minLength: 1, maxLength: 3 }).map((parts) => parts.map(([op, text]) => `${op}${text}`).join(' '));
    fc.assert(
      fc.property(version, range, (candidate, written) => {
        const test = compileSimpleRange(written);
        const full = parseFullVersion(candidate);
        expect(test).toBeDefined();
        expect(full).not.toBeNull();
        expect(test?.(full as NonNullable<typeof full>)).toBe(semverSays(candidate, written));
        expect(versionInRange(candidate, written)).toBe(semverSays(candidate, written));
      }),
      { numRuns: 3_000, seed: 20261202 },
    );
  });

  it('leaves what it does not take to semver, which versionInRange still asks', () => {
    for (const range of ['^0.2', '~1.2.3', '0.2.x', '>=1.0.0 || <0.1.0', '1.0.0 - 2.0.0', '>=1.0', 'v1.0.0', '>=1.0.0+build']) {
      expect(compileSimpleRange(range), range).toBeUndefined();
    }
    expect(versionInRange('0.2.9', '^0.2')).toBe(true);
    expect(versionInRange('0.3.0', '^0.2')).toBe(false);
    expect(versionInRange('1.5.0', '>=1.0.0 || <0.1.0')).toBe(true);
    // A loose version (not strict SemVer) is read by semver, loosely or coerced, then compared.
    expect(parseFullVersion('01.2.3')).toBeNull();
    // (readVersion coerces it, as before the quick test existed: `1.2` is 1.2.0.)
    expect(versionInRange('1.2', '>=1.0.0 <2.0.0')).toBe(true);
    expect(versionInRange('1.2', '>=1.3.0')).toBe(false);
    // A range semver cannot read matches nothing.
    expect(versionInRange('1.0.0', '>=>=1')).toBe(false);
  });
});
