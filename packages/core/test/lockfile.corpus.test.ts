import { describe, expect, it } from 'vitest';
import { buildGraph, parseLockfile, whyPaths } from '../src/index.js';
import { CORPUS, readFixture } from './support/fixtures.js';

/** MANIFEST.tsv: one row per lockfile of the shared corpus, with the format and package count Cargo gives it. */
const manifest = readFixture(`${CORPUS}MANIFEST.tsv`)
  .trim()
  .split('\n')
  .slice(1)
  .map((row) => row.split('\t'))
  .map(([file, format, packages]) => ({ file: file as string, format: Number(format), packages: Number(packages) }));

describe('the shared corpus', () => {
  it('has the 49 lockfiles MANIFEST.tsv lists', () => {
    expect(manifest).toHaveLength(49);
  });

  for (const { file, format, packages } of manifest) {
    it(`reads ${file}: format ${format}, ${packages} packages, no edge dropped`, () => {
      const lockfile = parseLockfile(readFixture(CORPUS + file), { fileName: file });
      expect(lockfile.formatVersion).toBe(format);
      expect(lockfile.packages).toHaveLength(packages);
      // Cargo wrote every one of these files, so every dependency string names exactly one package.
      expect(lockfile.warnings).toEqual([]);
    });
  }
});

/** The shortest path from `root` to the package `target` (a package id), as `name version` steps. */
function pathFrom(file: string, target: string, root: string): string[] | undefined {
  const graph = buildGraph(parseLockfile(readFixture(CORPUS + file), { fileName: file }));
  const [result] = whyPaths(graph, target, { limit: 1_000 });
  expect(result?.target.id).toBe(target);
  return result?.paths.find((path) => path[0]?.name === root)?.map((step) => `${step.name} ${step.version}`);
}

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

// Each of these files was refused before dependency strings were resolved as Cargo does; the crate
// chosen in each is the one behind the edge that was refused, reached through that edge.
describe('why-paths through the edges that used to be refused', () => {
  it('zed: a git dependency string without its #commit (reqwest fork at ?rev=)', () => {
    const fork =
      'reqwest 0.12.15 (git+https://github.com/zed-industries/reqwest.git?rev=951c770a32f1998d6e999cef3e59e0013e6c4415#951c770a32f1998d6e999cef3e59e0013e6c4415)';
    expect(pathFrom('zed-industries__zed__11041ef3.Cargo.lock', fork, 'http_client')).toEqual(['http_client 0.1.0', 'reqwest 0.12.15']);
    expect(pathFrom('zed-industries__zed__11041ef3.Cargo.lock', `reqwest 0.12.15 (${CRATES_IO})`, 'agent_ui')).toEqual([
      'agent_ui 0.1.0',
      'jsonschema 0.30.0',
      'reqwest 0.12.15',
    ]);
  });

  it('databend: a short ?rev= next to the crates.io package of the same version (ethnum)', () => {
    const fork = 'ethnum 1.5.0 (git+https://github.com/ariesdevil/ethnum-rs?rev=4cb05f1#4cb05f1e407f76b193d81eef71b5dd0b73216856)';
    expect(pathFrom('databendlabs__databend__ed383561.Cargo.lock', fork, 'databend-common-arrow')).toEqual([
      'databend-common-arrow 0.1.0',
      'ethnum 1.5.0',
    ]);
  });

  it('hydration-node: two git revisions of one crate (sp-core)', () => {
    const rev = (commit: string) => `sp-core 21.0.0 (git+https://github.com/galacticcouncil/polkadot-sdk?rev=${commit}#${commit})`;
    expect(
      pathFrom('galacticcouncil__hydration-node__6a678deb.Cargo.lock', rev('062d92eae0f3bb9908faf2d4e241eef17368b9d3'), 'hydradx'),
    ).toEqual(['hydradx 12.3.0', 'sp-core 21.0.0']);
    expect(
      pathFrom('galacticcouncil__hydration-node__6a678deb.Cargo.lock', rev('c8d2251cafadc108ba2f1f8a3208dc547ff38901'), 'hydradx-runtime'),
    ).toEqual(['hydradx-runtime 241.0.0', 'pallet-whitelist 4.0.0-dev', 'frame-benchmarking 4.0.0-dev', 'sp-core 21.0.0']);
  });

  for (const file of ['esrlabs__northstar__1308d628.Cargo.lock', 'esrlabs__northstar__6c78c2f1.Cargo.lock']) {
    it(`northstar (${file.slice(18, 26)}): a ?branch= fork next to crates.io (zip)`, () => {
      const fork =
        'zip 0.5.6 (git+https://github.com/inorick/zip-rs.git?branch=add-extra-field-support#99707a58927ea4784f0478d2a96e3e3c82f14bf5)';
      expect(pathFrom(file, fork, 'sextant')).toEqual(['sextant 0.1.0', 'zip 0.5.6']);
      expect(pathFrom(file, `zip 0.5.6 (${CRATES_IO})`, 'north')).toEqual(['north 0.4.0', 'zip 0.5.6']);
    });
  }

  it('crane simple-git: a git source on the default branch (byteorder)', () => {
    const file = 'ipetkov__crane__2c71e194__checks-simple-git.Cargo.lock';
    const fork = 'byteorder 1.5.0 (git+https://github.com/BurntSushi/byteorder.git#5a82625fae462e8ba64cec8146b24a372b4d75c6)';
    expect(pathFrom(file, fork, 'simple-git')).toEqual(['simple-git 0.1.0', 'byteorder 1.5.0']);
    expect(pathFrom(file, `byteorder 1.5.0 (${CRATES_IO})`, 'simple-git')).toEqual([
      'simple-git 0.1.0',
      'print 0.2.0',
      'hello 0.2.0',
      'byteorder 1.5.0',
    ]);
  });

  it('embassy examples/rp: a source-less string picks the path package over crates.io (embassy-sync)', () => {
    const file = 'embassy-rs__embassy__7a8d1d50__examples-rp.Cargo.lock';
    expect(pathFrom(file, 'embassy-sync 0.7.0', 'cyw43-pio')).toEqual(['cyw43-pio 0.4.0', 'cyw43 0.3.0', 'embassy-sync 0.7.0']);
    expect(pathFrom(file, `embassy-sync 0.7.0 (${CRATES_IO})`, 'cyw43')).toEqual(['cyw43 0.3.0', 'bt-hci 0.3.2', 'embassy-sync 0.7.0']);
  });
});
