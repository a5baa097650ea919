import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph, parseLockfile } from '../src/index.js';
import { expectedId, type Format, generateModel, serializeLockfile } from './support/synthetic.js';

/** The graph as plain data that does not depend on how the format spells sources. */
function normalize(graph: Graph): string[] {
  const describe = (index: number): string => {
    const pkg = graph.packages[index];
    if (!pkg) throw new Error(`no package ${index}`);
    const source = pkg.source;
    const where = source ? `${source.kind}:${source.url}:${source.reference?.kind}=${source.reference?.value}#${source.commit}` : 'path';
    return `${pkg.name}@${pkg.version}[${where}]`;
  };
  return graph.packages.map((_, index) => `${describe(index)} -> ${(graph.dependencies[index] ?? []).map(describe).join(', ')}`);
}

describe('generated lockfiles round-trip through the parser', () => {
  it('gives every format the same graph, and the model it was written from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.integer(), (size, seed) => {
        const model = generateModel(size, seed);
        const graphs = ([1, 2, 3, 4] as Format[]).map((format) => {
          const lockfile = parseLockfile(serializeLockfile(model, format));
          expect(lockfile.formatVersion).toBe(format);
          expect(lockfile.packages.map((pkg) => pkg.id)).toEqual(model.packages.map((pkg) => expectedId(pkg, format)));
          expect(lockfile.packages.map((pkg) => pkg.dependencies)).toEqual(
            model.packages.map((pkg) => pkg.dependencies.map((index) => expectedId(model.packages[index] ?? pkg, format))),
          );
          expect(lockfile.packages.map((pkg) => pkg.checksum)).toEqual(model.packages.map((pkg) => pkg.checksum));
          return normalize(buildGraph(lockfile));
        });
        for (const graph of graphs.slice(1)) expect(graph).toEqual(graphs[0]);
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });

  it('decodes percent-encoded git references of format v4', () => {
    const model = generateModel(400, 7);
    const lockfile = parseLockfile(serializeLockfile(model, 4));
    const references = new Set(lockfile.packages.map((pkg) => pkg.source?.reference?.value).filter(Boolean));
    expect(references).toContain('release/1.0');
    expect(references).toContain('v1.2.3');
  });
});

describe('formats and tables beyond the fixtures', () => {
  it('reads [[patch.unused]], sparse and alternate registries', () => {
    const text = `version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "internal"]

[[package]]
name = "internal"
version = "2.0.0"
source = "registry+https://dl.example.com/index"

[[package]]
name = "serde"
version = "1.0.0"
source = "sparse+https://index.crates.io/"

[[patch.unused]]
name = "tokio"
version = "1.0.0"
source = "git+https://github.com/tokio-rs/tokio?branch=master#0123abcd"
`;
    const lockfile = parseLockfile(text);
    expect(lockfile.packages.map((pkg) => [pkg.name, pkg.source?.kind, pkg.source?.isCratesIo])).toEqual([
      ['app', undefined, undefined],
      ['internal', 'registry', false],
      ['serde', 'sparse', true],
    ]);
    expect(lockfile.unusedPatches).toEqual([
      {
        name: 'tokio',
        version: '1.0.0',
        line: 18,
        source: {
          raw: 'git+https://github.com/tokio-rs/tokio?branch=master#0123abcd',
          kind: 'git',
          url: 'https://github.com/tokio-rs/tokio',
          isCratesIo: false,
          reference: { kind: 'branch', value: 'master' },
          commit: '0123abcd',
          identity: 'git branch=master https://github.com/tokio-rs/tokio',
        },
      },
    ]);
  });

  it('reads the [root] table of the oldest v1 files', () => {
    const text = `[root]
name = "app"
version = "0.1.0"
dependencies = [
 "libc 0.2.0 (registry+https://github.com/rust-lang/crates.io-index)",
]

[[package]]
name = "libc"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[metadata]
"checksum libc 0.2.0 (registry+https://github.com/rust-lang/crates.io-index)" = "abc"
`;
    const lockfile = parseLockfile(text);
    expect(lockfile.formatVersion).toBe(1);
    expect(lockfile.packages.map((pkg) => [pkg.id, pkg.line, pkg.checksum])).toEqual([
      ['app 0.1.0', 1, undefined],
      ['libc 0.2.0 (registry+https://github.com/rust-lang/crates.io-index)', 8, 'abc'],
    ]);
    expect(buildGraph(lockfile).roots).toEqual([0]);
  });

  it('refuses a file of comments only: it is not a lockfile', () => {
    expect(() => parseLockfile('# nothing\n')).toThrow(/TOML with no keys at all/);
  });
});
