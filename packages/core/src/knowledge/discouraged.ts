import type { DiscouragedCrate, ReplacementHint } from './types.js';

/**
 * What the RustSec advisory database does not say: old version lines of crates that are maintained
 * (tokio 0.x, hyper before 0.14, rocket 0.4, actix-web before 4) and tokio-core, deprecated without an
 * advisory. Unmaintained and unsound crates come from the advisory data (advisories.generated.ts), the
 * source of record; a policy may add its own entries and allow exceptions.
 */
export const DISCOURAGED_CRATES: readonly DiscouragedCrate[] = [
  {
    crate: 'tokio',
    versions: '<1.0.0-0',
    reason: 'a pre-1.0 tokio line: end of life, and its reactor is incompatible with tokio 1',
    advisories: [],
    useInstead: ['tokio 1'],
    source: 'https://github.com/tokio-rs/tokio/blob/master/tokio/CHANGELOG.md',
  },
  {
    crate: 'actix-web',
    versions: '<4.0.0-0',
    reason: 'actix-web 3 and older run on tokio 0.2',
    advisories: [],
    useInstead: ['actix-web 4'],
    source: 'https://github.com/actix/actix-web/blob/master/actix-web/CHANGES.md',
  },
  {
    crate: 'rocket',
    versions: '<0.5.0-0',
    reason: 'the synchronous line before 0.5, superseded by the async 0.5 line',
    since: '2023-11-17',
    advisories: [],
    useInstead: ['rocket 0.5', 'axum'],
    source: 'https://github.com/rwf2/Rocket/releases/tag/v0.5.0',
  },
  {
    crate: 'hyper',
    versions: '<0.14.0-0',
    reason: 'hyper before 0.14 runs on tokio 0.2 or older, or is synchronous',
    advisories: [],
    useInstead: ['hyper 1'],
    source: 'https://github.com/hyperium/hyper/blob/master/CHANGELOG.md',
  },
  {
    crate: 'tokio-core',
    versions: '*',
    reason: 'deprecated in favour of tokio',
    advisories: [],
    useInstead: ['tokio'],
    source: 'https://docs.rs/crate/tokio-core/latest/source/README.md',
  },
];

/**
 * What to use instead, for advisories whose text links no alternative crate (the rule uses the
 * advisory's own alternatives first). Each names where the advice comes from.
 */
export const REPLACEMENT_HINTS: readonly ReplacementHint[] = [
  { crate: 'instant', useInstead: ['web-time'], source: 'https://rustsec.org/advisories/RUSTSEC-2024-0384' },
  { crate: 'backoff', useInstead: ['backon'], source: 'https://rustsec.org/advisories/RUSTSEC-2025-0012' },
  { crate: 'trust-dns-proto', useInstead: ['hickory-proto'], source: 'https://rustsec.org/advisories/RUSTSEC-2025-0017' },
  { crate: 'trust-dns-resolver', useInstead: ['hickory-resolver'], source: 'https://rustsec.org/advisories/RUSTSEC-2025-0017' },
  { crate: 'rustls-pemfile', useInstead: ['rustls-pki-types (PemObject)'], source: 'https://rustsec.org/advisories/RUSTSEC-2025-0134' },
  {
    crate: 'iron',
    useInstead: ['a maintained framework such as axum or actix-web'],
    source: 'https://github.com/flosse/rust-web-framework-comparison#server-frameworks',
  },
  { crate: 'tokio-compat', useInstead: ['tokio 1'], source: 'https://github.com/tokio-rs/tokio-compat' },
];
