import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import semverCompare from 'semver/functions/compare.js';
import semverParse from 'semver/functions/parse.js';
import { describe, expect, it } from 'vitest';
import { bundledAdvisories } from '../src/advisories/bundled.js';
import type { AdvisoryDatabase } from '../src/advisories/database.js';
import { isAffected } from '../src/advisories/match.js';
import { renderAdvisoryModule } from '../src/advisories/module.js';
import { parseRequirement } from '../src/advisories/ranges.js';
import { advisoriesFromRows, advisoriesToRows } from '../src/advisories/rows.js';
import type { Advisory } from '../src/advisories/types.js';
import { analyze, loadPolicy } from '../src/index.js';
import { ADVISORY_SNAPSHOT, informationalAdvisoryLines, vulnerabilityAdvisoryLines } from '../src/knowledge/advisories.generated.js';
import { readVersion } from '../src/rules/versions.js';
import { compareVersions, readStrictVersion } from '../src/version-order.js';
import { fixtureGraph } from './support/fixtures.js';

// Versions built from pieces that hit the grammar's edges: leading zeros, numbers past 2^53, empty and
// mixed prerelease identifiers, build metadata, a `v` prefix, spaces, short versions.
const number = fc.oneof(
  fc.constantFrom('0', '1', '2', '9', '10', '01', '00', '9007199254740991', '9007199254740993', '99999999999999999999'),
  fc.nat(30).map(String),
);
const identifier = fc.oneof(
  fc.constantFrom('alpha', 'beta', 'rc', '0', '1', '2', '10', '01', 'x-y', '-', '1a', 'a1', 'A', '', '9007199254740993'),
  fc.nat(12).map(String),
);
const prerelease = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((ids) => `-${ids.join('.')}`);
const build = fc.constantFrom('+build', '+1.2', '+', '+a..b', '+wasi-snapshot-preview1');
const versionText = fc
  .tuple(
    fc.constantFrom('', '', '', 'v', ' ', '='),
    number,
    fc.constantFrom('.', '.', '.', ''),
    number,
    fc.constantFrom('.', '.', '.', ''),
    number,
    fc.option(prerelease),
    fc.option(build),
  )
  .map(
    ([prefix, major, dot1, minor, dot2, patch, pre, meta]) => `${prefix}${major}${dot1}${minor}${dot2}${patch}${pre ?? ''}${meta ?? ''}`,
  );
const strictVersion = versionText.filter((text) => semverParse(text) !== null && /^\d/.test(text));

describe('semver parts without node-semver', () => {
  it('reads exactly the strict versions node-semver reads (without its `v` and spaces), to the same parts', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        const parts = readStrictVersion(text);
        const reference = /^\d/.test(text) ? semverParse(text) : null;
        expect(parts === null).toBe(reference === null);
        if (parts && reference) {
          expect(parts.slice(0, 3)).toEqual([reference.major, reference.minor, reference.patch]);
          expect(parts.slice(3)).toEqual(reference.prerelease.map(String));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('orders versions as node-semver compares them', () => {
    fc.assert(
      fc.property(strictVersion, strictVersion, (a, b) => {
        const x = readStrictVersion(a);
        const y = readStrictVersion(b);
        if (!x || !y) throw new Error(`unread: ${a} ${b}`);
        expect(compareVersions(x, y)).toBe(semverCompare(a, b));
      }),
      { numRuns: 3000 },
    );
    const ordered = ['1.0.0-0', '1.0.0-1', '1.0.0-2', '1.0.0-10', '1.0.0-a', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0'];
    for (let index = 1; index < ordered.length; index++) {
      const lower = readStrictVersion(ordered[index - 1] as string);
      const higher = readStrictVersion(ordered[index] as string);
      if (!lower || !higher) throw new Error('unread');
      expect(compareVersions(lower, higher)).toBe(-1);
      expect(compareVersions(higher, lower)).toBe(1);
    }
  });
});

/** The reference: RustSec's rule with node-semver doing the reading and ordering (what isAffected did before). */
function affectedByReference(advisory: Advisory, version: string): boolean {
  if (advisory.withdrawn) return false;
  if (advisory.patched.length === 0 && advisory.unaffected.length === 0) return true;
  const exact = readVersion(version);
  if (exact === null) return false;
  for (const requirement of [...advisory.patched, ...advisory.unaffected]) {
    const { start, end } = parseRequirement(requirement);
    if (start && (semverCompare(exact, start.version) < 0 || (semverCompare(exact, start.version) === 0 && !start.inclusive))) continue;
    if (end && (semverCompare(exact, end.version) > 0 || (semverCompare(exact, end.version) === 0 && !end.inclusive))) continue;
    return false;
  }
  return true;
}

describe('isAffected on the bundled data', () => {
  const crates = ['tokio', 'hyper', 'trust-dns-proto', 'h2', 'openssl', 'time', 'chrono', 'rustls', 'ring', 'smallvec', 'yaml-rust'];
  const advisories = crates.flatMap((crate) => bundledAdvisories().advisoriesFor(crate));

  it('agrees with node-semver on every advisory of some well-known crates, for strict and loose versions', () => {
    expect(advisories.filter((advisory) => advisory.patched.length > 0).length).toBeGreaterThan(30);
    // Versions at and around the advisories' own bounds, where an off-by-one would show.
    const bounds = advisories.flatMap((advisory) =>
      [...advisory.patched, ...advisory.unaffected].flatMap((requirement) => {
        const { start, end } = parseRequirement(requirement);
        return [start?.version, end?.version].filter((version): version is string => version !== undefined);
      }),
    );
    const nearBound = fc
      .tuple(fc.constantFrom(...bounds), fc.constantFrom('', '-0', '-alpha.1', '+build'), fc.integer({ min: -1, max: 1 }))
      .map(([bound, suffix, step]) => {
        const [major = 0, minor = 0, patch = 0] = bound.split('-')[0]?.split('.').map(Number) ?? [];
        return `${major}.${minor}.${Math.max(0, patch + step)}${suffix}`;
      });
    fc.assert(
      fc.property(fc.constantFrom(...advisories), fc.oneof(nearBound, strictVersion, versionText), (advisory, version) => {
        expect(isAffected(advisory, version)).toBe(affectedByReference(advisory, version));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches the same with the intervals read at run time as with those the data carries', () => {
    for (const advisory of advisories) {
      // A copy is unknown to the matcher: it reads the requirements itself.
      const copy: Advisory = { ...advisory };
      for (const version of ['0.0.1', '0.1.12', '0.2.0-alpha.1', '0.14.9', '1.0.0', '1.20.3', '1.44.1', '1.44.2', '2.0.0-rc.1', '9.9.9']) {
        expect(isAffected(copy, version)).toBe(isAffected(advisory, version));
      }
    }
  });
});

describe('the generated layout', () => {
  it('gives back every field of an advisory', () => {
    const advisory: Advisory = {
      id: 'RUSTSEC-2099-0001',
      package: 'old-crate',
      date: '2099-01-01',
      kind: 'unsound',
      withdrawn: '2099-02-02',
      patched: ['>= 1.2.3, < 1.3', '^0.4'],
      unaffected: ['< 0.1.0-alpha'],
      os: ['windows'],
      arch: ['x86'],
      functions: ['old_crate::f'],
      aliases: ['CVE-2099-1', 'GHSA-xxxx-yyyy-zzzz'],
      url: 'https://example.com/it\'s "quoted" \\ here',
      title: 'A title with \u2028 and \t in it',
      license: 'CC-BY-4.0',
      alternatives: ['new-crate'],
    };
    const bare: Advisory = { ...advisory, patched: [], unaffected: [], os: [], arch: [], functions: [], aliases: [], alternatives: [] };
    delete (bare as { withdrawn?: string }).withdrawn;
    delete (bare as { url?: string }).url;
    delete (bare as { license?: string }).license;
    expect(advisoriesFromRows('old-crate', advisoriesToRows([advisory, bare]))).toEqual([advisory, bare]);
  });

  it('leaves vulnerabilities out when asked, and keeps id order when both kinds are there', () => {
    const database = bundledAdvisories();
    const all = database.advisoriesFor('tokio');
    expect(all.some((advisory) => advisory.kind === 'vulnerability')).toBe(true);
    expect(all.some((advisory) => advisory.kind !== 'vulnerability')).toBe(true);
    expect(all.map((advisory) => advisory.id)).toEqual(all.map((advisory) => advisory.id).sort());
    expect(database.advisoriesFor('tokio', { vulnerabilities: false })).toEqual(
      all.filter((advisory) => advisory.kind !== 'vulnerability'),
    );
    expect(database.advisoriesFor('tokio', { vulnerabilities: true })).toEqual(all);
    expect(database.advisoriesFor('no-such-crate')).toEqual([]);
    expect(database.source.count).toBe(1205);
  });
});

describe('the committed data module', () => {
  it('is what the generator writes from the advisories it holds (nothing lost on the way through the layout)', () => {
    const advisories = [informationalAdvisoryLines(), vulnerabilityAdvisoryLines()]
      .flatMap((text) => text.split('\n').filter((line) => line !== ''))
      .flatMap((line) => advisoriesFromRows(line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(advisories.length).toBe(ADVISORY_SNAPSHOT.count);
    const committed = readFileSync(fileURLToPath(new URL('../src/knowledge/advisories.generated.ts', import.meta.url)), 'utf8');
    expect(renderAdvisoryModule(advisories, ADVISORY_SNAPSHOT)).toBe(committed);
    // ASCII only (other characters as \u escapes), and the titles that had some still have them.
    expect(/[\u0080-\uffff]/.test(committed)).toBe(false);
    expect(advisories.some((advisory) => /[\u0080-\uffff]/.test(advisory.title))).toBe(true);
  });
});

describe('the rule and the vulnerability rows', () => {
  /** A database that records what the rule asks, answering from the bundled data. */
  const recording = () => {
    const queries: (boolean | undefined)[] = [];
    const database: AdvisoryDatabase = {
      source: bundledAdvisories().source,
      advisoriesFor(crate, query) {
        queries.push(query?.vulnerabilities);
        return bundledAdvisories().advisoriesFor(crate, query);
      },
    };
    return { database, queries };
  };
  const graph = fixtureGraph('corpus/vaultwarden__91170957.v3.Cargo.lock');

  it('asks without vulnerabilities under the default policy, and finds none', () => {
    const { database, queries } = recording();
    const report = analyze(graph, loadPolicy('', 'runtime-guard.toml'), { today: '2026-11-24', advisories: database });
    expect(queries.length).toBeGreaterThan(100);
    expect(new Set(queries)).toEqual(new Set([false]));
    const advisories = report.findings
      .flatMap((finding) => [finding, ...finding.related])
      .filter((finding) => finding.rule === 'rustsec-advisory');
    expect(advisories.length).toBeGreaterThan(0);
    expect(advisories.some((finding) => finding.message.includes('vulnerability advisory'))).toBe(false);
  });

  it('asks with vulnerabilities when the policy turns them on, and reports them', () => {
    const { database, queries } = recording();
    const report = analyze(graph, loadPolicy('[advisories]\nvulnerabilities = true\n', 'runtime-guard.toml'), {
      today: '2026-11-24',
      advisories: database,
    });
    expect(new Set(queries)).toEqual(new Set([true]));
    const messages = report.findings.flatMap((finding) => [finding, ...finding.related]).map((finding) => finding.message);
    expect(messages.some((message) => message.includes('RUSTSEC-2025-0023'))).toBe(true);
  });
});
