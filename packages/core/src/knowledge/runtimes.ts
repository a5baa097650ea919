import type { RuntimeFamily } from './types.js';

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
    source: 'https://github.com/tokio-rs/tokio/blob/master/tokio/Cargo.toml',
  },
  {
    id: 'async-std',
    name: 'async-std',
    executors: ['async-std'],
    buildingBlocks: ['async-global-executor'],
    source: 'https://github.com/async-rs/async-std/blob/main/Cargo.toml',
  },
  {
    id: 'smol',
    name: 'smol',
    executors: ['smol'],
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
    source: 'https://github.com/embassy-rs/embassy/blob/main/embassy-executor/Cargo.toml',
  },
  {
    id: 'glommio',
    name: 'Glommio',
    executors: ['glommio'],
    buildingBlocks: [],
    source: 'https://github.com/DataDog/glommio/blob/master/glommio/Cargo.toml',
  },
  {
    id: 'monoio',
    name: 'Monoio',
    executors: ['monoio'],
    buildingBlocks: [],
    source: 'https://github.com/bytedance/monoio/blob/master/monoio/Cargo.toml',
  },
  {
    id: 'compio',
    name: 'compio',
    executors: ['compio-runtime', 'compio'],
    buildingBlocks: ['compio-driver', 'compio-executor'],
    source: 'https://github.com/compio-rs/compio/blob/master/compio-runtime/Cargo.toml',
  },
];

/** Crates that execute futures without being a runtime of their own: never counted as one. */
export const RUNTIME_AGNOSTIC_CRATES: readonly { readonly crate: string; readonly source: string }[] = [
  { crate: 'futures-executor', source: 'https://github.com/rust-lang/futures-rs/blob/master/futures/Cargo.toml' },
  { crate: 'futures-util', source: 'https://github.com/rust-lang/futures-rs/blob/master/futures/Cargo.toml' },
  { crate: 'pollster', source: 'https://github.com/zesterer/pollster/blob/master/Cargo.toml' },
  { crate: 'wasm-bindgen-futures', source: 'https://github.com/rustwasm/wasm-bindgen/tree/main/crates/futures' },
];
