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
  'cloudwego__monolake__99b3e7d0.Cargo.lock': {
    hyper: 'no runtime feature; depends on tokio (`sync`) unconditionally (https://github.com/hyperium/hyper/blob/v1.5.0/Cargo.toml)',
    'monoio-codec':
      'no [features]; depends on tokio-util (`codec`) unconditionally (https://github.com/monoio-rs/monoio-codec/blob/010a6f00bf63465464ec37ecc89d448b2809cf5a/Cargo.toml, version 0.3.4)',
    'monoio-compat':
      'the tokio I/O compatibility layer: depends on tokio (`io-util`) unconditionally; its features are `unstable` and `hyper` (https://github.com/bytedance/monoio/blob/d00276ba716ce8829ef2380b0e1461531ef60bf8/monoio-compat/Cargo.toml, version 0.2.2)',
    'monoio-http':
      'no runtime feature; depends on monoio-compat and monoio-codec unconditionally (https://github.com/monoio-rs/monoio-http/blob/a270f85bae4450fe452f6deabd18d32f5d5f3719/monoio-http/Cargo.toml, version 0.3.11)',
    'monoio-native-tls':
      'no tokio dependency and no runtime feature (alpn, vendored, qat); reaches tokio only through monoio itself: monoio 0.2.4 adds tokio only with its `poll-io` and `tokio-compat` features (https://github.com/bytedance/monoio/blob/0.2.4/monoio/Cargo.toml) (https://github.com/monoio-rs/monoio-tls/blob/aafebb5bdabb1431e7011c2cf92e4ae7ff401cb7/monoio-native-tls/Cargo.toml, version 0.3.0)',
    'monoio-rustls':
      'no tokio dependency and no runtime feature (TLS options only); reaches tokio only through monoio itself: monoio 0.2.4 adds tokio only with its `poll-io` and `tokio-compat` features (https://github.com/bytedance/monoio/blob/0.2.4/monoio/Cargo.toml) (https://github.com/monoio-rs/monoio-tls/blob/aafebb5bdabb1431e7011c2cf92e4ae7ff401cb7/monoio-rustls/Cargo.toml, version 0.3.0)',
    'monoio-thrift':
      'no [features]; reaches tokio through monoio-codec and monoio (https://github.com/monoio-rs/monoio-thrift/blob/fef0dfa33df159447bedade0255ae5f9344df624/Cargo.toml, version 0.1.4)',
    'monoio-transports':
      'its own tokio comes only with its `hyper` feature (not on in this lockfile); it reaches tokio through monoio-compat, monoio-codec and monoio-http, unconditional dependencies (https://github.com/monoio-rs/monoio-transports/blob/d7ce58d9d4da8d6a2d92bb9488e35b1b2c51ad46/Cargo.toml, version 0.5.3)',
    openidconnect:
      'no runtime feature: tokio comes with the default `reqwest` HTTP client (through oauth2); `curl` and `ureq` are blocking clients, none runs on monoio (https://github.com/ramosbugs/openidconnect-rs/blob/3.5.0/Cargo.toml)',
  },
  'infinyon__fluvio__f0bc8e57.Cargo.lock': {
    'flv-tls-proxy':
      'its features choose the TLS backend only; depends on fluvio-future (`net`, `task`) unconditionally, which has no tokio switch (https://github.com/infinyon/flv-tls-proxy/blob/2e32af0c29b7b37f2e96f23023494f3a27a527cb/Cargo.toml, version 0.10.0)',
    'fluvio-future':
      "its task, io, sync and future features enable async-std; `tokio1` is async-std's tokio compatibility, not a runtime switch (https://github.com/infinyon/future-aio/blob/839cab892367d3a319386c33d940a14807d0d431/Cargo.toml, version 0.7.2)",
    'k8-client':
      'its features choose the TLS backend (and a memory client) only; depends on fluvio-future (`net`, `task`) unconditionally, which has no tokio switch (https://github.com/infinyon/k8-api/blob/6d5463e6fcba2fa8958dbeaf4ffe93e7f1de20b2/src/k8-client/Cargo.toml, version 13.1.0)',
  },
  'infinyon__fluvio__fb2c2b1c.Cargo.lock': {
    'flv-tls-proxy':
      'its features choose the TLS backend only; depends on fluvio-future 0.8 (`net`, `task`) unconditionally, which has no tokio switch (https://github.com/infinyon/flv-tls-proxy/blob/c15faa3f6d7e94455c24d84e0dea91cf974f094e/Cargo.toml, version 0.11.0)',
    'fluvio-future':
      'depends on async-global-executor unconditionally (https://github.com/infinyon/future-aio/blob/c4b77d86f0087ad4f25c06c79f59da3d0acdf7b7/Cargo.toml, version 0.8.0)',
    'k8-client':
      'its features choose the TLS backend (and a memory client) only; depends on fluvio-future 0.8 (`net`, `task`) unconditionally, which has no tokio switch (https://github.com/infinyon/k8-api/blob/272cb421642baedcbc09e11505cb40b47a7b8ad3/src/k8-client/Cargo.toml, version 14.0.0)',
  },
  'galacticcouncil__hydration-node__6a678deb.Cargo.lock': {
    'cumulus-client-service':
      'reaches smol only through smoldot-light 0.9.0, whose default `std` feature enables smol and which has no tokio feature (https://github.com/smol-dot/smoldot/blob/a47b9df3fc0aeeb603da25289d7b3eae9e0391fa/light-base/Cargo.toml)',
    'cumulus-relay-chain-minimal-node':
      'reaches smol only through smoldot-light 0.9.0, whose default `std` feature enables smol and which has no tokio feature (https://github.com/smol-dot/smoldot/blob/a47b9df3fc0aeeb603da25289d7b3eae9e0391fa/light-base/Cargo.toml)',
  },
  'nushell__nushell__9c375b33.Cargo.lock': {
    ichwh:
      "no [features] and no optional dependency: async-std 1.4 (`attributes`) is unconditional and tokio is not a dependency. Read from the crates.io index record of 0.3.4 (https://github.com/rust-lang/crates.io-index/blob/0bc5dfdf24987c071cb4e05de2503964f92caef5/ic/hw/ichwh, last line; its checksum is the lockfile's), which crates.io writes from the published manifest: the manifest's text is not reachable here (gitlab.com/avandesa/ichwh-rs). The 0.3.1 manifest says the same (https://docs.rs/crate/ichwh/0.3.1/source/Cargo.toml)",
  },
  'zed-industries__zed__11041ef3.Cargo.lock': {
    'async-compat':
      'a bridge that runs tokio under other runtimes: depends on tokio (rt) unconditionally (https://github.com/smol-rs/async-compat/blob/v0.2.4/Cargo.toml)',
    'aws-config':
      'no smol feature: tokio (`sync`) is an unconditional dependency and the default `rt-tokio` adds its rt (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/aws/rust-runtime/aws-config/Cargo.toml, version 1.6.1)',
    'aws-sdk-bedrockruntime':
      'no runtime feature but `rt-tokio` (default: aws-smithy-async and aws-smithy-types rt-tokio); aws-smithy-async, aws-smithy-runtime, aws-smithy-runtime-api and hyper 0.14 (tokio `sync`) are unconditional (https://github.com/awslabs/aws-sdk-rust/blob/7a0027bfdd0f44a35369f57c0c60fb5f00d20586/sdk/bedrockruntime/Cargo.toml, version 1.82.0)',
    'aws-sdk-kinesis':
      'no runtime feature but `rt-tokio` (default: aws-smithy-async and aws-smithy-types rt-tokio); aws-smithy-async, aws-smithy-runtime and aws-smithy-runtime-api are unconditional (the published manifest, vendored with its crates.io checksum: https://github.com/cahartma/vector/blob/a0a5c958de6f6935d56624debe744918c0fd78e8/vendor/aws-sdk-kinesis/Cargo.toml, version 1.66.0)',
    'aws-sdk-s3':
      'no runtime feature but `rt-tokio` (default: aws-smithy-async and aws-smithy-types rt-tokio); aws-smithy-async, aws-smithy-runtime and aws-smithy-runtime-api are unconditional; async-std and smol are dev-dependencies only (the published manifest, vendored with its crates.io checksum: https://github.com/cahartma/vector/blob/a0a5c958de6f6935d56624debe744918c0fd78e8/vendor/aws-sdk-s3/Cargo.toml, version 1.82.0; the same in https://github.com/awslabs/aws-sdk-rust/blob/74774aeff5d2fe355c4cd0b9ced3df523b2aae8a/sdk/s3/Cargo.toml)',
    'aws-credential-types':
      'no runtime feature; reaches tokio through aws-smithy-async, an unconditional dependency (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/aws/rust-runtime/aws-credential-types/Cargo.toml, version 1.2.2)',
    'aws-runtime':
      'no runtime feature; reaches tokio through aws-smithy-async and aws-smithy-runtime, unconditional dependencies (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/aws/rust-runtime/aws-runtime/Cargo.toml, version 1.5.6)',
    'aws-sigv4':
      'no runtime feature; reaches tokio through aws-smithy-runtime-api, an unconditional dependency (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/aws/rust-runtime/aws-sigv4/Cargo.toml, version 1.3.0)',
    'aws-smithy-async':
      'depends on tokio (`sync`) unconditionally; `rt-tokio` adds its timer, and no feature names another runtime (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/rust-runtime/aws-smithy-async/Cargo.toml, version 1.2.5)',
    'aws-smithy-http':
      'no tokio dependency of its own (`rt-tokio` only passes on to aws-smithy-types); reaches tokio through aws-smithy-runtime-api, an unconditional dependency (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/rust-runtime/aws-smithy-http/Cargo.toml, version 0.62.0)',
    'aws-smithy-runtime':
      'depends on tokio unconditionally; `rt-tokio` adds its rt, and no feature names another runtime (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/rust-runtime/aws-smithy-runtime/Cargo.toml, version 1.8.1)',
    'aws-smithy-runtime-api':
      'depends on tokio (`sync`) unconditionally and has no runtime feature (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/rust-runtime/aws-smithy-runtime-api/Cargo.toml, version 1.7.4)',
    'aws-smithy-types':
      "tokio is optional, only for its `rt-tokio` feature (tokio's rt, fs and io-util); no feature names another runtime (https://github.com/smithy-lang/smithy-rs/blob/release-2025-03-25/rust-runtime/aws-smithy-types/Cargo.toml, version 1.3.0)",
    'axum-extra':
      'depends on tokio and tower unconditionally; its features add extractors and responses, none names another runtime (https://github.com/tokio-rs/axum/blob/axum-extra-v0.4.2/axum-extra/Cargo.toml)',
    'hyper-rustls':
      'depends on tokio, tokio-rustls and hyper-util (`tokio`) unconditionally; `native-tokio` and `webpki-tokio` choose root certificates, not a runtime (https://github.com/rustls/hyper-rustls/blob/v/0.27.5/Cargo.toml)',
    'jupyter-websocket-client':
      'no [features] at all (https://github.com/runtimed/runtimed/blob/jupyter-websocket-client-v0.9.0/crates/jupyter-websocket-client/Cargo.toml)',
    jsonschema:
      'no smol feature: tokio comes with reqwest through the default `resolve-http`, and with `resolve-async`; no feature names another runtime (https://github.com/Stranger6667/jsonschema/blob/rust-v0.30.0/crates/jsonschema/Cargo.toml)',
    libwebrtc:
      'no [features]; depends on tokio (`sync`, `macros`) unconditionally on native targets, and on livekit-runtime without choosing its runtime (https://github.com/zed-industries/livekit-rust-sdks/blob/5f04705ac3f356350ae31534ffbc476abc9ea83d/libwebrtc/Cargo.toml, version 0.3.10)',
    mdbook:
      'no smol feature: tokio and warp come only with the default `serve` feature (`mdbook serve`); no feature names another runtime (https://github.com/rust-lang/mdBook/blob/v0.4.40/Cargo.toml)',
    'sqlx-macros':
      "no smol feature: its internal `_rt-tokio` and `_rt-async-std` are set by sqlx's `runtime-*` features, and sqlx 0.8 has no smol runtime (https://github.com/launchbadge/sqlx/blob/v0.8.5/sqlx-macros/Cargo.toml)",
    'sqlx-macros-core':
      "no smol feature: its internal `_rt-tokio` and `_rt-async-std` are set by sqlx's `runtime-*` features, and sqlx 0.8 has no smol runtime (https://github.com/launchbadge/sqlx/blob/v0.8.5/sqlx-macros-core/Cargo.toml)",
    'sqlx-postgres':
      "no runtime feature; reaches tokio through sqlx-core, whose `_rt-tokio` sqlx's `runtime-tokio` sets (https://github.com/launchbadge/sqlx/blob/v0.8.5/sqlx-postgres/Cargo.toml)",
    'sqlx-sqlite':
      "no runtime feature; reaches tokio through sqlx-core, whose `_rt-tokio` sqlx's `runtime-tokio` sets (https://github.com/launchbadge/sqlx/blob/v0.8.5/sqlx-sqlite/Cargo.toml)",
    'tokio-native-tls':
      'a tokio binding: depends on tokio unconditionally; its one feature is `vendored` (https://github.com/tokio-rs/tls/blob/3716340633c3552360e9d073413f9fa15d4fdd8f/tokio-native-tls/Cargo.toml, version 0.3.1)',
    'tokio-rustls':
      'a tokio binding: depends on tokio unconditionally; its features choose rustls options (https://github.com/rustls/tokio-rustls/blob/v/0.26.2/Cargo.toml)',
    'tokio-tungstenite':
      'a tokio binding: depends on tokio (`io-util`) unconditionally; its features choose TLS and connecting (https://github.com/snapview/tokio-tungstenite/blob/v0.26.2/Cargo.toml)',
    tower:
      'tokio is optional but comes with its middleware features (buffer, limit, timeout, retry, …); no feature names another runtime (https://github.com/tower-rs/tower/blob/tower-0.4.13/tower/Cargo.toml, https://github.com/tower-rs/tower/blob/tower-0.5.2/tower/Cargo.toml)',
    'wasmtime-wasi':
      'depends on tokio (rt, rt-multi-thread, net, time, …) unconditionally; its default feature is `preview1` (https://github.com/bytecodealliance/wasmtime/blob/v29.0.1/crates/wasi/Cargo.toml)',
    yawc: 'depends on tokio (`full`) unconditionally on native targets; its features add compression, logging and integrations (https://github.com/infinitefield/yawc/blob/v0.2.5/Cargo.toml)',
  },
};

/**
 * First crates whose Cargo.toml at the locked version could not be read: whether they offer a switch
 * to the kept runtime is not confirmed (file → crate → what was read instead, and why not that version).
 */
const NOT_CHECKED: Record<string, Record<string, string>> = {};

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
  if (NOT_CHECKED[first.file]?.[first.crate]) return 'not checked';
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
      ...Object.entries(NOT_CHECKED).flatMap(([file, crates]) => Object.keys(crates).map((crate) => `${file} ${crate}`)),
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
      switch: 8,
      replacement: 14,
      'switch data, no feature for the kept runtime': 8,
      'framework bound to the runtime': 5,
      'checked: no switch': 48,
    });
  });
});
