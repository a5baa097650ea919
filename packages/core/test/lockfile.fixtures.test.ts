import { describe, expect, it } from 'vitest';
import { buildGraph, parseLockfile } from '../src/index.js';
import { FIXTURES, readFixture } from './support/fixtures.js';

// Format, package count and root count of every real fixture (format and count from the shared MANIFEST.tsv).
const EXPECTED: Record<string, { format: number; packages: number; roots: number }> = {
  [FIXTURES.denoLarge]: { format: 4, packages: 1128, roots: 81 },
  [FIXTURES.lldapActix]: { format: 4, packages: 593, roots: 16 },
  [FIXTURES.mdbookWarpTokio02]: { format: 2, packages: 208, roots: 1 },
  [FIXTURES.pavex]: { format: 4, packages: 618, roots: 29 },
  [FIXTURES.sqlxAfterAxum]: { format: 3, packages: 364, roots: 16 },
  [FIXTURES.sqlxBeforeAxum]: { format: 3, packages: 327, roots: 15 },
  [FIXTURES.sqlxMultiRuntime]: { format: 4, packages: 523, roots: 29 },
  [FIXTURES.sqlxTideV1]: { format: 1, packages: 161, roots: 4 },
  [FIXTURES.vaultwardenBeforeTokio1]: { format: 2, packages: 345, roots: 1 },
  [FIXTURES.vaultwardenTokioSplit]: { format: 2, packages: 366, roots: 1 },
  [FIXTURES.vaultwardenV1]: { format: 1, packages: 200, roots: 2 },
  [FIXTURES.vaultwardenV3]: { format: 3, packages: 335, roots: 1 },
  [FIXTURES.vaultwardenV2]: { format: 2, packages: 320, roots: 1 },
};

describe('parseLockfile on real lockfiles', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reads ${name}: format ${expected.format}, ${expected.packages} packages`, () => {
      const text = readFixture(name);
      const lockfile = parseLockfile(text, { fileName: name });
      expect(lockfile.formatVersion).toBe(expected.format);
      expect(lockfile.packages).toHaveLength(expected.packages);
      expect(buildGraph(lockfile).roots).toHaveLength(expected.roots);
      // Every package knows the line of its own header.
      const lines = text.split('\n');
      for (const pkg of lockfile.packages) {
        expect(lines[pkg.line - 1]).toBe('[[package]]');
        expect(lines[pkg.line]).toBe(`name = "${pkg.name}"`);
      }
      // Every dependency edge resolved.
      const edges = lockfile.packages.reduce((sum, pkg) => sum + pkg.dependencies.length, 0);
      const graph = buildGraph(lockfile);
      expect(graph.dependencies.reduce((sum, targets) => sum + targets.length, 0)).toBe(edges);
    });
  }

  it('reads format v1 checksums from [metadata] and full dependency strings', () => {
    const lockfile = parseLockfile(readFixture(FIXTURES.vaultwardenV1));
    const ahoCorasick = lockfile.packages.find((pkg) => pkg.name === 'aho-corasick');
    expect(ahoCorasick).toMatchObject({
      id: 'aho-corasick 0.6.4 (registry+https://github.com/rust-lang/crates.io-index)',
      version: '0.6.4',
      checksum: 'd6531d44de723825aa81398a6415283229725a00fa30713812ab9323faa82fc4',
      dependencies: ['memchr 2.0.1 (registry+https://github.com/rust-lang/crates.io-index)'],
      line: 6,
    });
    expect(ahoCorasick?.source).toEqual({
      raw: 'registry+https://github.com/rust-lang/crates.io-index',
      kind: 'registry',
      url: 'https://github.com/rust-lang/crates.io-index',
      isCratesIo: true,
      identity: 'registry https://github.com/rust-lang/crates.io-index',
    });
  });

  it('reads git sources with ?rev= and #commit', () => {
    const lockfile = parseLockfile(readFixture(FIXTURES.vaultwardenV2));
    const rocket = lockfile.packages.find((pkg) => pkg.name === 'rocket');
    expect(rocket?.source).toEqual({
      raw: 'git+https://github.com/SergioBenitez/Rocket?rev=b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13#b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13',
      kind: 'git',
      url: 'https://github.com/SergioBenitez/Rocket',
      isCratesIo: false,
      reference: { kind: 'rev', value: 'b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13' },
      commit: 'b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13',
      identity: 'git rev=b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13 https://github.com/sergiobenitez/rocket',
    });
    expect(rocket?.dependencies).toContain(
      'rocket_http 0.5.0-dev (git+https://github.com/SergioBenitez/Rocket?rev=b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13#b95b6765e1cc8be7c1e7eaef8a9d9ad940b0ac13)',
    );
  });

  it('keeps several versions of one crate apart', () => {
    const lockfile = parseLockfile(readFixture(FIXTURES.vaultwardenTokioSplit));
    expect(lockfile.packages.filter((pkg) => pkg.name === 'tokio').map((pkg) => pkg.version)).toEqual(['0.2.25', '1.1.1']);
    expect(lockfile.packages.filter((pkg) => pkg.name === 'hyper').map((pkg) => pkg.version)).toEqual(['0.10.16', '0.13.9', '0.14.2']);
  });

  it('gives workspace members no source', () => {
    const lockfile = parseLockfile(readFixture(FIXTURES.sqlxTideV1));
    expect(lockfile.packages.filter((pkg) => !pkg.source).map((pkg) => pkg.id)).toEqual([
      'sqlx 0.1.1',
      'sqlx-core 0.1.1',
      'sqlx-example-realworld-postgres 0.1.0',
      'sqlx-macros 0.1.1',
    ]);
  });
});
