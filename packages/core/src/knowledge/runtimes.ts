import type { LineCrate, RunningEvidence, RuntimeFamily, RuntimeMachinery, RuntimeStarter } from './types.js';

/**
 * Runtime families. Cargo.lock lists packages but no features, so an executor crate in the graph is
 * strong evidence, not proof, that its executor runs (tokio is a runtime only with its `rt` features).
 */
export const RUNTIME_FAMILIES: readonly RuntimeFamily[] = [
  {
    id: 'tokio',
    name: 'Tokio',
    executors: ['tokio'],
    buildingBlocks: ['tokio-util', 'tokio-stream', 'tokio-macros'],
    // Each pre-1.0 line has its own reactor: I/O types of one panic outside a runtime of another.
    incompatibleLines: [
      { label: '0.1', versions: '>=0.1.0-0 <0.2.0-0' },
      { label: '0.2', versions: '>=0.2.0-0 <0.3.0-0' },
      { label: '0.3', versions: '>=0.3.0-0 <1.0.0-0' },
      { label: '1.x', versions: '>=1.0.0-0 <2.0.0-0' },
    ],
    needsEvidence: true,
    maintainedTarget: 'tokio 1',
    source: 'https://github.com/tokio-rs/tokio/blob/master/tokio/Cargo.toml',
  },
  {
    id: 'async-std',
    name: 'async-std',
    executors: ['async-std'],
    buildingBlocks: [],
    discontinued: {
      since: '2025-08-24',
      advisory: 'RUSTSEC-2025-0052',
      source: 'https://rustsec.org/advisories/RUSTSEC-2025-0052.html',
    },
    maintainedTarget: 'smol 2',
    source: 'https://github.com/async-rs/async-std/blob/main/Cargo.toml',
  },
  {
    id: 'smol',
    name: 'smol',
    // async-global-executor is an executor built on async-executor + async-io (its own description):
    // without async-std above it, it is the smol family's executor.
    // https://docs.rs/crate/async-global-executor/2.4.1/source/Cargo.toml
    executors: ['smol', 'async-global-executor'],
    maintainedTarget: 'smol 2',
    buildingBlocks: [
      'async-executor',
      'async-io',
      'blocking',
      'async-net',
      'async-fs',
      'async-process',
      'async-channel',
      'async-lock',
      'futures-lite',
      'polling',
      'async-task',
      'event-listener',
    ],
    source: 'https://github.com/smol-rs/smol/blob/master/Cargo.toml',
  },
  {
    id: 'embassy',
    name: 'Embassy',
    executors: ['embassy-executor'],
    buildingBlocks: ['embassy-time', 'embassy-sync', 'embassy-futures'],
    maintainedTarget: 'embassy-executor',
    source: 'https://github.com/embassy-rs/embassy/blob/main/embassy-executor/Cargo.toml',
  },
  {
    id: 'glommio',
    name: 'Glommio',
    executors: ['glommio'],
    buildingBlocks: [],
    maintainedTarget: 'glommio',
    source: 'https://github.com/DataDog/glommio/blob/master/glommio/Cargo.toml',
  },
  {
    id: 'monoio',
    name: 'Monoio',
    executors: ['monoio'],
    buildingBlocks: [],
    maintainedTarget: 'monoio',
    source: 'https://github.com/bytedance/monoio/blob/master/monoio/Cargo.toml',
  },
  {
    id: 'compio',
    name: 'compio',
    // The umbrella `compio` crate's runtime is optional (its `runtime` feature): only
    // compio-runtime proves the executor is there.
    executors: ['compio-runtime'],
    buildingBlocks: ['compio', 'compio-driver', 'compio-executor'],
    maintainedTarget: 'compio-runtime',
    source: 'https://github.com/compio-rs/compio/blob/master/compio-runtime/Cargo.toml',
  },
  {
    id: 'nio',
    name: 'Nio',
    // nio depends on mio itself; its tokio dependency is optional and only for tokio's I/O traits
    // (`tokio-io` feature), so tokio beside nio is not a second runtime by itself.
    executors: ['nio'],
    buildingBlocks: ['nio-task', 'nio-threadpool'],
    maintainedTarget: 'nio',
    source: 'https://docs.rs/crate/nio/0.1.3/source/Cargo.toml',
  },
  {
    id: 'ntex',
    name: 'ntex neon',
    // ntex 2.x selects its runtime with ntex-rt / ntex-net features (tokio, compio, neon); neon is
    // ntex's own runtime, the ntex-neon crate. ntex-rt alone is an adapter, not a runtime.
    executors: ['ntex-neon'],
    buildingBlocks: ['ntex-rt', 'ntex-net'],
    maintainedTarget: 'ntex-neon',
    source: 'https://docs.rs/crate/ntex-rt/0.4.31/source/Cargo.toml',
  },
];

const TOKIO_1_MANIFEST = 'https://docs.rs/crate/tokio/1.46.1/source/Cargo.toml';
const TOKIO_02_MANIFEST = 'https://docs.rs/crate/tokio/0.2.25/source/Cargo.toml';
const TOKIO_01_MANIFEST = 'https://docs.rs/crate/tokio/0.1.22/source/Cargo.toml';

/**
 * Edges that exist only when an executor is compiled in. tokio's `mio` dependency is optional and
 * enabled by its `net`, `process` and `signal` features (I/O driven by the reactor); `tokio-macros`
 * by `macros` (`#[tokio::main]`). A tokio with neither is its I/O types and sync primitives only.
 */
export const RUNNING_EVIDENCE: readonly RunningEvidence[] = [
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '>=1.0.0-0',
    dependsOn: 'mio',
    why: 'its reactor (net, process or signal)',
    source: TOKIO_1_MANIFEST,
  },
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '>=1.0.0-0',
    dependsOn: 'tokio-macros',
    why: 'its #[tokio::main] macros',
    source: TOKIO_1_MANIFEST,
  },
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '>=0.2.0-0 <1.0.0-0',
    dependsOn: 'mio',
    why: 'its reactor (io-driver)',
    source: TOKIO_02_MANIFEST,
  },
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '>=0.2.0-0 <1.0.0-0',
    dependsOn: 'tokio-macros',
    why: 'its #[tokio::main] macros',
    source: TOKIO_02_MANIFEST,
  },
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '<0.2.0-0',
    dependsOn: 'tokio-reactor',
    why: 'its reactor (tokio-reactor)',
    source: TOKIO_01_MANIFEST,
  },
  {
    family: 'tokio',
    crate: 'tokio',
    versions: '<0.2.0-0',
    dependsOn: 'tokio-threadpool',
    why: 'its thread pool (tokio-threadpool)',
    source: TOKIO_01_MANIFEST,
  },
];

/** Crates that start a runtime of the family they depend on. */
export const RUNTIME_STARTERS: readonly RuntimeStarter[] = [
  {
    crate: 'actix-rt',
    versions: '*',
    family: 'tokio',
    why: 'actix-rt runs its system on a tokio runtime',
    source: 'https://docs.rs/crate/actix-rt/2.10.0/source/Cargo.toml',
  },
  {
    crate: 'ntex-rt',
    versions: '*',
    family: 'tokio',
    why: "ntex-rt's tokio feature builds a tokio runtime (rt, net)",
    source: 'https://docs.rs/crate/ntex-rt/0.4.31/source/Cargo.toml',
  },
];

/** One runtime's executor built on another family's crate: counted once, as the owner's. */
export const RUNTIME_MACHINERY: readonly RuntimeMachinery[] = [
  {
    owner: 'async-std',
    ownerCrate: 'async-std',
    ownerVersions: '>=1.6.0-0 <1.7.0-0',
    crate: 'smol',
    versions: '>=0.1.0-0 <0.2.0-0',
    source: 'https://docs.rs/crate/async-std/1.6.2/source/Cargo.toml',
  },
  {
    owner: 'async-std',
    ownerCrate: 'async-std',
    ownerVersions: '>=1.7.0-0',
    crate: 'async-global-executor',
    versions: '*',
    source: 'https://docs.rs/crate/async-std/1.13.1/source/Cargo.toml',
  },
];

const TOKIO_01_ERA = 'https://github.com/tokio-rs/tokio/tree/tokio-0.1.x';

/**
 * The tokio 0.1 era: crates of the 0.1 line that may be present without the `tokio` 0.1 crate
 * (hyper 0.11 ran on tokio-core). Those holding a reactor or executor prove the line runs.
 */
export const LINE_CRATES: readonly LineCrate[] = [
  { family: 'tokio', line: '0.1', crate: 'tokio-core', runs: true, source: 'https://docs.rs/crate/tokio-core/0.1.18/source/Cargo.toml' },
  { family: 'tokio', line: '0.1', crate: 'tokio-reactor', runs: true, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-threadpool', runs: true, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-current-thread', runs: true, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-executor', runs: false, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-timer', runs: false, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-io', runs: false, source: 'https://docs.rs/crate/tokio-io/0.1.13/source/Cargo.toml' },
  { family: 'tokio', line: '0.1', crate: 'tokio-tcp', runs: false, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-udp', runs: false, source: TOKIO_01_ERA },
  { family: 'tokio', line: '0.1', crate: 'tokio-uds', runs: false, source: TOKIO_01_ERA },
];

/** Crates that execute futures without being a runtime of their own: never counted as one. */
export const RUNTIME_AGNOSTIC_CRATES: readonly { readonly crate: string; readonly source: string }[] = [
  { crate: 'futures-executor', source: 'https://github.com/rust-lang/futures-rs/blob/master/futures/Cargo.toml' },
  { crate: 'futures-util', source: 'https://github.com/rust-lang/futures-rs/blob/master/futures/Cargo.toml' },
  { crate: 'pollster', source: 'https://github.com/zesterer/pollster/blob/master/Cargo.toml' },
  { crate: 'wasm-bindgen-futures', source: 'https://github.com/rustwasm/wasm-bindgen/tree/main/crates/futures' },
];
