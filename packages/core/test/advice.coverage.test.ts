import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { collectRuntimeEvidence } from '../src/evidence/runtimes.js';
import {
  analyze,
  FRAMEWORKS,
  featureSwitch,
  type Graph,
  RUNTIME_FAMILIES,
  type RuntimeFamilyId,
  runtimeReplacementFor,
  runtimeSwitchFor,
} from '../src/index.js';
import { fixtureGraph } from './support/fixtures.js';

/**
 * Coverage of the runtime-switch knowledge (issue 18): for every corpus lockfile with a second
 * running runtime, the first registry crate on each path from a workspace member to that runtime's
 * executor. Each must be the runtime itself, a crate with switch or replacement data, a crate of the
 * kept runtime, or listed below as checked to offer no switch to the kept runtime.
 */
const TODAY = '2026-12-02';

/** Checked: no feature of these moves them to the kept runtime (file → crate → why). */
const NO_SWITCH: Record<string, Record<string, string>> = {
  'infinyon__fluvio__f0bc8e57.Cargo.lock': {
    'fluvio-future':
      "its task, io, sync and future features enable async-std; `tokio1` is async-std's tokio compatibility, not a runtime switch (https://github.com/infinyon/future-aio/blob/839cab892367d3a319386c33d940a14807d0d431/Cargo.toml, version 0.7.2)",
  },
  'infinyon__fluvio__fb2c2b1c.Cargo.lock': {
    'fluvio-future':
      'depends on async-global-executor unconditionally (https://github.com/infinyon/future-aio/blob/c4b77d86f0087ad4f25c06c79f59da3d0acdf7b7/Cargo.toml, version 0.8.0)',
  },
  'galacticcouncil__hydration-node__6a678deb.Cargo.lock': {
    'cumulus-client-service':
      'reaches smol only through smoldot-light 0.9.0, whose default `std` feature enables smol and which has no tokio feature (https://github.com/smol-dot/smoldot/blob/a47b9df3fc0aeeb603da25289d7b3eae9e0391fa/light-base/Cargo.toml)',
    'cumulus-relay-chain-minimal-node':
      'reaches smol only through smoldot-light 0.9.0, whose default `std` feature enables smol and which has no tokio feature (https://github.com/smol-dot/smoldot/blob/a47b9df3fc0aeeb603da25289d7b3eae9e0391fa/light-base/Cargo.toml)',
  },
  'zed-industries__zed__11041ef3.Cargo.lock': {
    'async-compat':
      'a bridge that runs tokio under other runtimes: depends on tokio (rt) unconditionally (https://github.com/smol-rs/async-compat/blob/v0.2.4/Cargo.toml)',
    'jupyter-websocket-client':
      'no [features] at all (https://github.com/runtimed/runtimed/blob/jupyter-websocket-client-v0.9.0/crates/jupyter-websocket-client/Cargo.toml)',
  },
};

/**
 * First crates whose Cargo.toml was not read: whether they offer a switch to the kept runtime is not
 * known. Most are zed's tokio side (zed keeps smol and runs tokio on purpose through gpui_tokio) and
 * monolake's (it keeps monoio); the others are fluvio's own crates and ichwh.
 */
const NOT_CHECKED: Record<string, readonly string[]> = {
  'cloudwego__monolake__99b3e7d0.Cargo.lock': [
    'hyper',
    'monoio-codec',
    'monoio-compat',
    'monoio-http',
    'monoio-native-tls',
    'monoio-rustls',
    'monoio-thrift',
    'monoio-transports',
    'openidconnect',
  ],
  'infinyon__fluvio__f0bc8e57.Cargo.lock': ['flv-tls-proxy', 'k8-client'],
  'infinyon__fluvio__fb2c2b1c.Cargo.lock': ['flv-tls-proxy', 'k8-client'],
  'nushell__nushell__9c375b33.Cargo.lock': ['ichwh'],
  'zed-industries__zed__11041ef3.Cargo.lock': [
    'aws-config',
    'aws-credential-types',
    'aws-runtime',
    'aws-sdk-bedrockruntime',
    'aws-sdk-kinesis',
    'aws-sdk-s3',
    'aws-sigv4',
    'aws-smithy-async',
    'aws-smithy-http',
    'aws-smithy-runtime',
    'aws-smithy-runtime-api',
    'aws-smithy-types',
    'axum-extra',
    'hyper-rustls',
    'jsonschema',
    'libwebrtc',
    'livekit',
    'livekit-runtime',
    'mdbook',
    'sea-query-binder',
    'sqlx-macros',
    'sqlx-macros-core',
    'sqlx-postgres',
    'sqlx-sqlite',
    'tokio-native-tls',
    'tokio-rustls',
    'tokio-socks',
    'tokio-tungstenite',
    'tower',
    'wasmtime-wasi',
    'yawc',
  ],
};

interface FirstCrate {
  readonly file: string;
  readonly keep: RuntimeFamilyId;
  readonly remove: RuntimeFamilyId;
  readonly crate: string;
  readonly version: string;
}

/** The first registry crates on the paths from members (through path packages) to the nodes. */
function firstRegistryCrates(graph: Graph, targets: readonly number[]): number[] {
  const reaches = new Set<number>();
  const queue = [...targets];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    if (reaches.has(node)) continue;
    reaches.add(node);
    queue.push(...(graph.dependents[node] ?? []));
  }
  const firsts = new Set<number>();
  for (const root of graph.roots) {
    const seen = new Set([root]);
    const stack = [root];
    while (stack.length > 0) {
      for (const dependency of graph.dependencies[stack.pop() as number] ?? []) {
        if (!reaches.has(dependency) || seen.has(dependency)) continue;
        seen.add(dependency);
        if (graph.packages[dependency]?.source === undefined) stack.push(dependency);
        else firsts.add(dependency);
      }
    }
  }
  return [...firsts];
}

const lockfiles = readdirSync(fileURLToPath(new URL('./fixtures/corpus/', import.meta.url))).filter((name) => name.endsWith('.lock'));

function firstCrates(): FirstCrate[] {
  return lockfiles.flatMap((file) => {
    const graph = fixtureGraph(`corpus/${file}`);
    const keep = analyze(graph, undefined, { today: TODAY }).primaryRuntime?.family;
    if (!keep) return [];
    const evidence = collectRuntimeEvidence(graph);
    return [...evidence.running]
      .filter(([family]) => family !== keep)
      .flatMap(([remove, nodes]) =>
        firstRegistryCrates(graph, nodes).map((node) => {
          const pkg = graph.packages[node] as { name: string; version: string };
          return { file, keep, remove, crate: pkg.name, version: pkg.version };
        }),
      );
  });
}

type Coverage =
  | 'runtime itself'
  | 'another runtime'
  | 'switch'
  | 'switch data, no feature for the kept runtime'
  | 'replacement'
  | 'kept runtime'
  | 'framework bound to the runtime'
  | 'checked: no switch'
  | 'not checked'
  | 'missing';

function classify(first: FirstCrate): Coverage {
  const familyCrates = (id: RuntimeFamilyId) => {
    const family = RUNTIME_FAMILIES.find((candidate) => candidate.id === id);
    return [...(family?.executors ?? []), ...(family?.buildingBlocks ?? [])];
  };
  if (familyCrates(first.remove).includes(first.crate)) return 'runtime itself';
  if (familyCrates(first.keep).includes(first.crate)) return 'kept runtime';
  // async-std on the path to async-global-executor: the async-std finding's advice removes it.
  if (RUNTIME_FAMILIES.some((family) => family.executors.includes(first.crate))) return 'another runtime';
  const entry = runtimeSwitchFor(first.crate, first.version);
  if (entry && featureSwitch(entry, first.remove, first.keep)) return 'switch';
  if (runtimeReplacementFor(first.crate, first.version)) return 'replacement';
  if (entry) return 'switch data, no feature for the kept runtime';
  const framework = FRAMEWORKS.find((candidate) => candidate.crate === first.crate);
  const line = framework?.lines.find((candidate) => semver.satisfies(first.version, candidate.versions, { includePrerelease: true }));
  if (line?.runtime === first.remove) return 'framework bound to the runtime';
  if (NO_SWITCH[first.file]?.[first.crate]) return 'checked: no switch';
  if (NOT_CHECKED[first.file]?.includes(first.crate)) return 'not checked';
  return 'missing';
}

describe('runtime switch coverage of the corpus', () => {
  const firsts = firstCrates();
  it('finds the second runtimes of the corpus', () => {
    expect(firsts.length).toBeGreaterThan(0);
  });

  it('has data for every first crate on a path to a second runtime, or says why not', () => {
    const missing = firsts
      .filter((first) => classify(first) === 'missing')
      .map((first) => `${first.file}: ${first.crate} ${first.version} (${first.remove} → ${first.keep})`);
    expect(missing).toEqual([]);
  });

  it('lists no crate as unchecked or without a switch that is not on such a path any more', () => {
    const present = new Set(firsts.map((first) => `${first.file} ${first.crate}`));
    const listed = [
      ...Object.entries(NO_SWITCH).flatMap(([file, crates]) => Object.keys(crates).map((crate) => `${file} ${crate}`)),
      ...Object.entries(NOT_CHECKED).flatMap(([file, crates]) => crates.map((crate) => `${file} ${crate}`)),
    ];
    expect(listed.filter((entry) => !present.has(entry))).toEqual([]);
  });

  it('advises on each first crate with switch or replacement data, or on a crate below it', () => {
    const unadvised = firsts
      .filter((first) => ['switch', 'replacement'].includes(classify(first)))
      .filter((first) => {
        const report = analyze(fixtureGraph(`corpus/${first.file}`), undefined, { today: TODAY });
        const finding = report.findings.find(
          (candidate) => candidate.rule === 'multiple-runtimes' && candidate.fingerprint === `multiple-runtimes:${first.remove}`,
        );
        return !finding?.advice?.some(
          (item) => item.crate === first.crate || item.declaredVia.some((via) => via.dependency === first.crate),
        );
      })
      .map((first) => `${first.file}: ${first.crate} ${first.version}`);
    expect(unadvised).toEqual([]);
  });

  it('has these coverage figures (first crates by class, over every corpus lockfile)', () => {
    const counts: Record<string, number> = {};
    for (const first of firsts) counts[classify(first)] = (counts[classify(first)] ?? 0) + 1;
    expect({ lockfiles: new Set(firsts.map((first) => first.file)).size, firstCrates: firsts.length, ...counts }).toEqual({
      lockfiles: 21,
      firstCrates: 105,
      'runtime itself': 19,
      'another runtime': 2,
      'kept runtime': 1,
      switch: 7,
      replacement: 14,
      'switch data, no feature for the kept runtime': 5,
      'framework bound to the runtime': 5,
      'checked: no switch': 6,
      'not checked': 46,
    });
  });
});
