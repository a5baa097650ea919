import { describe, expect, it } from 'vitest';
import { buildGraph, type Package, parseLockfile, whyPaths } from '../src/index.js';
import { FIXTURES, fixtureGraph } from './support/fixtures.js';

const chain = (path: readonly Package[]): string => path.map((pkg) => `${pkg.name}@${pkg.version}`).join(' > ');

describe('whyPaths', () => {
  it('finds every version of a crate with its shortest path (vaultwarden, three hypers)', () => {
    const results = whyPaths(fixtureGraph(FIXTURES.vaultwardenTokioSplit), 'hyper');
    expect(results.map((result) => [result.target.version, chain(result.paths[0] ?? [])])).toEqual([
      ['0.10.16', 'bitwarden_rs@1.0.0 > rocket@0.5.0-dev > rocket_http@0.5.0-dev > hyper@0.10.16'],
      ['0.13.9', 'bitwarden_rs@1.0.0 > yubico@0.9.1 > reqwest@0.10.10 > hyper@0.13.9'],
      ['0.14.2', 'bitwarden_rs@1.0.0 > reqwest@0.11.0 > hyper@0.14.2'],
    ]);
    expect(results.every((result) => result.rootsReaching.map((root) => root.name).join() === 'bitwarden_rs')).toBe(true);
  });

  it('gives one path per reaching root, shortest first, up to the limit', () => {
    const [result] = whyPaths(fixtureGraph(FIXTURES.sqlxMultiRuntime), 'async-std', { limit: 3 });
    expect(result?.paths.map(chain)).toEqual([
      'sqlx@0.9.0-alpha.1 > async-std@1.13.1',
      'sqlx-core@0.9.0-alpha.1 > async-std@1.13.1',
      'sqlx-macros-core@0.9.0-alpha.1 > async-std@1.13.1',
    ]);
    expect(result?.rootsReaching).toHaveLength(29);
  });

  it('answers for a package id as well as for a crate name', () => {
    const graph = fixtureGraph(FIXTURES.vaultwardenTokioSplit);
    const results = whyPaths(graph, 'tokio 0.2.25 (registry+https://github.com/rust-lang/crates.io-index)');
    expect(results.map((result) => chain(result.paths[0] ?? []))).toEqual([
      'bitwarden_rs@1.0.0 > yubico@0.9.1 > reqwest@0.10.10 > tokio@0.2.25',
    ]);
  });

  it('follows a long chain through tide in format v1 (sqlx 2019)', () => {
    const [result] = whyPaths(fixtureGraph(FIXTURES.sqlxTideV1), 'tokio');
    expect(chain(result?.paths[0] ?? [])).toBe(
      'sqlx-example-realworld-postgres@0.1.0 > tide@0.5.1 > http-service-hyper@0.4.1 > hyper@0.12.35 > tokio@0.1.22',
    );
  });

  it('returns a root as its own one-step path, and nothing for an absent crate', () => {
    const graph = fixtureGraph(FIXTURES.sqlxTideV1);
    expect(whyPaths(graph, 'sqlx').map((result) => result.paths.map(chain))).toEqual([['sqlx@0.1.1']]);
    expect(whyPaths(graph, 'no-such-crate')).toEqual([]);
  });

  it('terminates on dependency cycles and reports unreachable packages with no path', () => {
    const text = [
      'version = 3',
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["a"]',
      '[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\ndependencies = ["b"]',
      '[[package]]\nname = "b"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\ndependencies = ["a"]',
      '[[package]]\nname = "orphan"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
    ].join('\n');
    const graph = buildGraph(parseLockfile(text));
    expect(whyPaths(graph, 'b').map((result) => result.paths.map(chain))).toEqual([['app@0.1.0 > a@1.0.0 > b@1.0.0']]);
    expect(whyPaths(graph, 'orphan')).toMatchObject([{ paths: [], rootsReaching: [] }]);
  });

  it('stays linear on a chain of 10,000 packages', () => {
    const parts = ['version = 3', '[[package]]\nname = "root"\nversion = "0.1.0"\ndependencies = ["c0"]'];
    for (let index = 0; index < 10_000; index++) {
      const next = index + 1 < 10_000 ? `\ndependencies = ["c${index + 1}"]` : '';
      parts.push(
        `[[package]]\nname = "c${index}"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"${next}`,
      );
    }
    const [result] = whyPaths(buildGraph(parseLockfile(parts.join('\n'))), 'c9999');
    expect(result?.paths[0]).toHaveLength(10_001);
    expect(result?.paths[0]?.[0]?.name).toBe('root');
  });
});
