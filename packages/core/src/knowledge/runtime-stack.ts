import { FRAMEWORKS } from './frameworks.js';
import { LINE_CRATES, RUNTIME_FAMILIES, RUNTIME_MACHINERY, RUNTIME_STARTERS } from './runtimes.js';

/** How a crate came to be in the async runtime and web stack, the set whose advisories are warnings. */
export type RuntimeStackRole =
  /** An executor or building block of a runtime family (runtimes.ts). */
  | 'runtime'
  /** A framework, HTTP library, server, client or runtime adapter (frameworks.ts). */
  | 'web'
  /** A crate of the tokio 0.1 era, which ran beside or instead of the tokio crate. */
  | 'tokio-0.1-era'
  /** The socket, DNS and TLS layers those stand on. */
  | 'io'
  | 'tls';

/** One crate of the runtime and web stack: why it is there, and the page that says what the crate is. */
export interface RuntimeStackCrate {
  readonly crate: string;
  readonly role: RuntimeStackRole;
  readonly source: string;
}

const TOKIO_01_ERA = 'https://github.com/tokio-rs/tokio/tree/tokio-0.1.x';

/**
 * The stack crates no other knowledge file names. The rest of the set is derived from runtimes.ts
 * and frameworks.ts (see {@link runtimeStackCrates}), so a crate added there joins it.
 */
export const EXTRA_RUNTIME_STACK_CRATES: readonly RuntimeStackCrate[] = [
  // The tokio 0.1 crates that are not line markers in runtimes.ts; tokio-rs archived them with that line.
  ...['tokio-sync', 'tokio-tls', 'tokio-process', 'tokio-codec', 'tokio-fs', 'tokio-compat', 'tokio-signal'].map((crate) => ({
    crate,
    role: 'tokio-0.1-era' as const,
    source: TOKIO_01_ERA,
  })),
  { crate: 'tokio-proto', role: 'tokio-0.1-era', source: 'https://github.com/tokio-rs/tokio-proto' },
  { crate: 'tokio-service', role: 'tokio-0.1-era', source: 'https://github.com/tokio-rs/tokio-service' },
  { crate: 'mio', role: 'io', source: 'https://github.com/tokio-rs/mio' },
  { crate: 'net2', role: 'io', source: 'https://github.com/deprecrated/net2-rs' },
  { crate: 'socket2', role: 'io', source: 'https://github.com/rust-lang/socket2' },
  { crate: 'async-io', role: 'io', source: 'https://github.com/smol-rs/async-io' },
  { crate: 'h2', role: 'io', source: 'https://github.com/hyperium/h2' },
  { crate: 'http', role: 'io', source: 'https://github.com/hyperium/http' },
  { crate: 'http-types', role: 'io', source: 'https://github.com/http-rs/http-types' },
  { crate: 'tower', role: 'io', source: 'https://github.com/tower-rs/tower' },
  { crate: 'tower-http', role: 'io', source: 'https://github.com/tower-rs/tower-http' },
  { crate: 'trust-dns-proto', role: 'io', source: 'https://github.com/hickory-dns/hickory-dns' },
  { crate: 'trust-dns-resolver', role: 'io', source: 'https://github.com/hickory-dns/hickory-dns' },
  { crate: 'hickory-proto', role: 'io', source: 'https://github.com/hickory-dns/hickory-dns' },
  { crate: 'hickory-resolver', role: 'io', source: 'https://github.com/hickory-dns/hickory-dns' },
  { crate: 'rustls', role: 'tls', source: 'https://github.com/rustls/rustls' },
  { crate: 'rustls-pemfile', role: 'tls', source: 'https://github.com/rustls/pemfile' },
  { crate: 'tokio-rustls', role: 'tls', source: 'https://github.com/rustls/tokio-rustls' },
  { crate: 'hyper-rustls', role: 'tls', source: 'https://github.com/rustls/hyper-rustls' },
  { crate: 'native-tls', role: 'tls', source: 'https://github.com/sfackler/rust-native-tls' },
  { crate: 'tokio-native-tls', role: 'tls', source: 'https://github.com/tokio-rs/tls' },
  { crate: 'hyper-tls', role: 'tls', source: 'https://github.com/hyperium/hyper-tls' },
  { crate: 'async-tls', role: 'tls', source: 'https://github.com/async-rs/async-tls' },
  { crate: 'async-native-tls', role: 'tls', source: 'https://github.com/async-email/async-native-tls' },
];

let stack: ReadonlyMap<string, RuntimeStackCrate> | undefined;

/**
 * The async runtime and web stack, by crate: runtime executors and building blocks, runtime starters
 * and machinery, frameworks, servers and clients, tokio 0.1 line crates (each with the source of the
 * knowledge entry that names it), and {@link EXTRA_RUNTIME_STACK_CRATES}.
 */
export function runtimeStackCrates(): ReadonlyMap<string, RuntimeStackCrate> {
  if (stack) return stack;
  const map = new Map<string, RuntimeStackCrate>();
  const add = (entry: RuntimeStackCrate) => {
    if (!map.has(entry.crate)) map.set(entry.crate, entry);
  };
  for (const family of RUNTIME_FAMILIES) {
    for (const crate of [...family.executors, ...family.buildingBlocks]) add({ crate, role: 'runtime', source: family.source });
  }
  for (const entry of RUNTIME_STARTERS) add({ crate: entry.crate, role: 'runtime', source: entry.source });
  for (const entry of RUNTIME_MACHINERY) add({ crate: entry.crate, role: 'runtime', source: entry.source });
  for (const entry of FRAMEWORKS) add({ crate: entry.crate, role: 'web', source: entry.source });
  for (const entry of LINE_CRATES) add({ crate: entry.crate, role: 'tokio-0.1-era', source: entry.source });
  for (const entry of EXTRA_RUNTIME_STACK_CRATES) add(entry);
  stack = map;
  return stack;
}
