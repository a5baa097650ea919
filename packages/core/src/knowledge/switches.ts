import type { RuntimeReplacement, RuntimeSwitch } from './types.js';

/**
 * Crates that select their runtime by Cargo features. Each entry was read in the crate's own
 * Cargo.toml at the tags named in its comment (the `source` is the newest of them); a range ends
 * where a tag read showed the features changed, or at the next minor or major line not read.
 */
export const RUNTIME_SWITCHES: readonly RuntimeSwitch[] = [
  // Read at v0.10.0, v0.10.4, v0.11.21. Default features enable no runtime (the SMTP transport is blocking).
  {
    crate: 'lettre',
    versions: '>=0.10.0 <0.12.0',
    features: { tokio: ['tokio1', 'tokio1-rustls-tls'], 'async-std': ['async-std1', 'async-std1-rustls-tls'] },
    defaultFeatures: ['smtp-transport', 'pool', 'native-tls', 'hostname', 'builder'],
    source: 'https://github.com/lettre/lettre/blob/v0.11.21/Cargo.toml',
  },
  // Read at v0.6.3: the runtime and TLS backend are chosen together.
  {
    crate: 'sqlx',
    versions: '>=0.6.0 <0.7.0',
    features: {
      tokio: ['runtime-tokio-native-tls', 'runtime-tokio-rustls'],
      'async-std': ['runtime-async-std-native-tls', 'runtime-async-std-rustls'],
    },
    defaultFeatures: ['macros', 'migrate'],
    source: 'https://github.com/launchbadge/sqlx/blob/v0.6.3/Cargo.toml',
  },
  // Read at v0.7.0, v0.7.4, v0.8.6: the runtime alone, the combined names kept as aliases.
  {
    crate: 'sqlx',
    versions: '>=0.7.0 <0.9.0',
    features: {
      tokio: ['runtime-tokio', 'runtime-tokio-native-tls', 'runtime-tokio-rustls'],
      'async-std': ['runtime-async-std', 'runtime-async-std-native-tls', 'runtime-async-std-rustls'],
    },
    defaultFeatures: ['any', 'macros', 'migrate', 'json'],
    source: 'https://github.com/launchbadge/sqlx/blob/v0.8.6/Cargo.toml',
  },
  // Read at zbus-3.0.0, 3.15.2, 4.4.0 (and 5.0.0, 5.12.0 below): the default `async-io` runs zbus on smol's building blocks.
  {
    crate: 'zbus',
    versions: '>=3.0.0 <5.0.0',
    features: { tokio: ['tokio'], smol: ['async-io'] },
    defaultFeatures: ['async-io'],
    source: 'https://github.com/dbus2/zbus/blob/zbus-4.4.0/zbus/Cargo.toml',
  },
  {
    crate: 'zbus',
    versions: '>=5.0.0 <6.0.0',
    features: { tokio: ['tokio'], smol: ['async-io'] },
    defaultFeatures: ['async-io', 'blocking-api'],
    source: 'https://github.com/dbus2/zbus/blob/zbus-5.12.0/zbus/Cargo.toml',
  },
  // Read at 0.9.0, 0.9.4, 0.10.2.
  {
    crate: 'quinn',
    versions: '>=0.9.0 <0.11.0',
    features: { tokio: ['runtime-tokio'], 'async-std': ['runtime-async-std'] },
    defaultFeatures: ['native-certs', 'tls-rustls', 'runtime-tokio'],
    source: 'https://github.com/quinn-rs/quinn/blob/0.10.2/quinn/Cargo.toml',
  },
  // Read at quinn-0.11.2 and quinn-0.11.9 (whose defaults also list platform-verifier and bloom).
  {
    crate: 'quinn',
    versions: '>=0.11.0 <0.12.0',
    features: { tokio: ['runtime-tokio'], 'async-std': ['runtime-async-std'], smol: ['runtime-smol'] },
    defaultFeatures: ['log', 'platform-verifier', 'ring', 'runtime-tokio', 'rustls'],
    source: 'https://github.com/quinn-rs/quinn/blob/quinn-0.11.2/quinn/Cargo.toml',
  },
  // Read at v3.0.0 and v3.2.1: no default runtime; each feature also picks rtnetlink's socket.
  {
    crate: 'if-watch',
    versions: '>=3.0.0 <4.0.0',
    features: { tokio: ['tokio'], smol: ['smol'] },
    defaultFeatures: [],
    source: 'https://github.com/libp2p/if-watch/blob/v3.2.1/Cargo.toml',
  },
  // Read at v0.3.1, v0.3.5, v0.4.1 (0.4 adds `async-dispatcher-runtime`, also on async-std). The
  // range stops before 0.5.0's prereleases, which have their own entry.
  {
    crate: 'zeromq',
    versions: '>=0.3.1 <0.5.0-0',
    features: { tokio: ['tokio-runtime'], 'async-std': ['async-std-runtime'] },
    defaultFeatures: ['tokio-runtime', 'all-transport'],
    source: 'https://github.com/zeromq/zmq.rs/blob/v0.4.1/Cargo.toml',
  },
  // Read at the commit that set version 0.5.0-pre (the prerelease zed locks): the same features as 0.4.1.
  {
    crate: 'zeromq',
    versions: '>=0.5.0-pre <0.5.0',
    features: { tokio: ['tokio-runtime'], 'async-std': ['async-std-runtime'] },
    defaultFeatures: ['tokio-runtime', 'all-transport'],
    source: 'https://github.com/zeromq/zmq.rs/blob/00ceb04292d5c6b6ecbb30cf000970f8198af8a2/Cargo.toml',
  },
  // Read at v0.12.0, v0.13.1, v0.14.1, v0.23.0: `smol_socket` runs on async-global-executor.
  {
    crate: 'rtnetlink',
    versions: '>=0.12.0 <0.24.0',
    features: { tokio: ['tokio_socket'], smol: ['smol_socket'] },
    defaultFeatures: ['tokio_socket'],
    source: 'https://github.com/rust-netlink/rtnetlink/blob/v0.23.0/Cargo.toml',
  },
  // Read at libp2p-v0.51.1, v0.53.2, v0.55.0; v0.56.0 dropped the `async-std` feature.
  {
    crate: 'libp2p',
    versions: '>=0.51.0 <0.56.0',
    features: { tokio: ['tokio'], 'async-std': ['async-std'] },
    defaultFeatures: [],
    source: 'https://github.com/libp2p/rust-libp2p/blob/libp2p-v0.55.0/libp2p/Cargo.toml',
  },
  // Read at 0.23.0 to 0.28.0 (each minor).
  {
    crate: 'async-tungstenite',
    versions: '>=0.23.0 <0.29.0',
    features: { tokio: ['tokio-runtime', 'tokio-native-tls'], 'async-std': ['async-std-runtime', 'async-native-tls'] },
    defaultFeatures: ['handshake'],
    source: 'https://github.com/sdroege/async-tungstenite/blob/0.28.0/Cargo.toml',
  },
  // Read at 0.29.1, 0.30.0, 0.31.0: `futures-03-sink` joins the defaults.
  {
    crate: 'async-tungstenite',
    versions: '>=0.29.0 <0.32.0',
    features: { tokio: ['tokio-runtime', 'tokio-native-tls'], 'async-std': ['async-std-runtime', 'async-native-tls'] },
    defaultFeatures: ['handshake', 'futures-03-sink'],
    source: 'https://github.com/sdroege/async-tungstenite/blob/0.29.1/Cargo.toml',
  },
  // Read at 0.34.1: `smol-runtime` added.
  {
    crate: 'async-tungstenite',
    versions: '>=0.34.0 <0.35.0',
    features: {
      tokio: ['tokio-runtime', 'tokio-native-tls'],
      'async-std': ['async-std-runtime', 'async-native-tls'],
      smol: ['smol-runtime', 'smol-native-tls'],
    },
    defaultFeatures: ['handshake', 'futures-03-sink'],
    source: 'https://github.com/sdroege/async-tungstenite/blob/0.34.1/Cargo.toml',
  },
  // Read at redis-0.23.3, 0.25.0, 0.27.6, 0.28.0 (0.23.0 the same without `keep-alive` in the defaults).
  // Default features enable no async runtime.
  {
    crate: 'redis',
    versions: '>=0.23.1 <0.29.0',
    features: {
      tokio: ['tokio-comp', 'tokio-native-tls-comp', 'tokio-rustls-comp'],
      'async-std': ['async-std-comp', 'async-std-native-tls-comp', 'async-std-rustls-comp'],
    },
    defaultFeatures: ['acl', 'streams', 'geospatial', 'script', 'keep-alive'],
    source: 'https://github.com/redis-rs/redis-rs/blob/redis-0.27.6/redis/Cargo.toml',
  },
  // Read at redis-0.32.0 and 0.32.7: `smol-comp` added; 1.0.0 dropped `async-std-comp`.
  {
    crate: 'redis',
    versions: '>=0.32.0 <0.33.0',
    features: { tokio: ['tokio-comp'], 'async-std': ['async-std-comp'], smol: ['smol-comp'] },
    defaultFeatures: ['acl', 'streams', 'geospatial', 'script', 'keep-alive', 'num-bigint'],
    source: 'https://github.com/redis-rs/redis-rs/blob/redis-0.32.7/redis/Cargo.toml',
  },
  // Read at redis-1.0.0 and 1.6.0.
  {
    crate: 'redis',
    versions: '>=1.0.0 <2.0.0',
    features: { tokio: ['tokio-comp'], smol: ['smol-comp'] },
    defaultFeatures: ['acl', 'streams', 'geospatial', 'script', 'num-bigint'],
    source: 'https://github.com/redis-rs/redis-rs/blob/redis-1.6.0/redis/Cargo.toml',
  },
  // Read at v2.0.0 and v2.8.2 (whose `sync` is async-std based); 3.0.0 runs on tokio only.
  {
    crate: 'mongodb',
    versions: '>=2.0.0 <3.0.0',
    features: { tokio: ['tokio-runtime'], 'async-std': ['async-std-runtime'] },
    defaultFeatures: ['tokio-runtime'],
    source: 'https://github.com/mongodb/mongo-rust-driver/blob/v2.8.2/Cargo.toml',
  },
  // trust-dns-resolver read at v0.20.0, v0.22.0, v0.23.2; its async-std side is the separate async-std-resolver.
  {
    crate: 'trust-dns-resolver',
    versions: '>=0.20.0 <0.24.0',
    features: { tokio: ['tokio-runtime'] },
    defaultFeatures: ['system-config', 'tokio-runtime'],
    source: 'https://github.com/hickory-dns/hickory-dns/blob/v0.23.2/crates/resolver/Cargo.toml',
  },
  // Read at v0.24.0 and v0.24.4.
  {
    crate: 'hickory-resolver',
    versions: '>=0.24.0 <0.25.0',
    features: { tokio: ['tokio-runtime'] },
    defaultFeatures: ['system-config', 'tokio-runtime'],
    source: 'https://github.com/hickory-dns/hickory-dns/blob/v0.24.4/crates/resolver/Cargo.toml',
  },
  // Read at v0.25.2: the feature is renamed `tokio`.
  {
    crate: 'hickory-resolver',
    versions: '>=0.25.0 <0.26.0',
    features: { tokio: ['tokio'] },
    defaultFeatures: ['system-config', 'tokio'],
    source: 'https://github.com/hickory-dns/hickory-dns/blob/v0.25.2/crates/resolver/Cargo.toml',
  },
  // Read at v3.2.0 and v3.4.0: the pager's async runtime, none by default.
  {
    crate: 'minus',
    versions: '>=3.2.0 <3.5.0',
    features: { tokio: ['tokio_lib'], 'async-std': ['async_std_lib'] },
    defaultFeatures: [],
    source: 'https://github.com/arijit79/minus/blob/v3.4.0/Cargo.toml',
  },
  // Read at v0.9.0 and v0.9.2.
  {
    crate: 'nvim-rs',
    versions: '>=0.9.0 <0.10.0',
    features: { tokio: ['use_tokio'], 'async-std': ['use_async-std'] },
    defaultFeatures: [],
    source: 'https://github.com/KillTheMule/nvim-rs/blob/v0.9.2/Cargo.toml',
  },
  // Read at runtimelib-v0.25.0: `async-dispatcher-runtime` enables async-std and smol (and zeromq's
  // async-dispatcher runtime); `tokio-runtime` enables tokio. No default features.
  {
    crate: 'runtimelib',
    versions: '>=0.25.0 <0.26.0',
    features: { tokio: ['tokio-runtime'], 'async-std': ['async-dispatcher-runtime'] },
    defaultFeatures: [],
    source: 'https://github.com/runtimed/runtimed/blob/runtimelib-v0.25.0/crates/runtimelib/Cargo.toml',
  },
  // Read at 0.12.15: runtime and TLS backend, passed on to sqlx.
  {
    crate: 'sea-orm',
    versions: '>=0.12.15 <0.13.0',
    features: {
      tokio: ['runtime-tokio', 'runtime-tokio-native-tls', 'runtime-tokio-rustls'],
      'async-std': ['runtime-async-std', 'runtime-async-std-native-tls', 'runtime-async-std-rustls'],
    },
    defaultFeatures: ['macros', 'with-json', 'with-chrono', 'with-rust_decimal', 'with-bigdecimal', 'with-uuid', 'with-time'],
    source: 'https://github.com/SeaQL/sea-orm/blob/0.12.15/Cargo.toml',
  },
  // Read at 1.0.0, 1.1.0, 1.1.10, 1.1.20: each `runtime-*` feature enables sqlx's of the same name.
  {
    crate: 'sea-orm',
    versions: '>=1.0.0 <1.2.0',
    features: {
      tokio: ['runtime-tokio', 'runtime-tokio-native-tls', 'runtime-tokio-rustls'],
      'async-std': ['runtime-async-std', 'runtime-async-std-native-tls', 'runtime-async-std-rustls'],
    },
    defaultFeatures: ['macros', 'with-json', 'with-chrono', 'with-rust_decimal', 'with-bigdecimal', 'with-uuid', 'with-time'],
    source: 'https://github.com/SeaQL/sea-orm/blob/1.1.20/Cargo.toml',
  },
  // Read at v0.24.1 and v0.24.5: one `rt_*` feature per runtime, none by default.
  {
    crate: 'ohkami',
    versions: '>=0.24.0 <0.25.0',
    features: { tokio: ['rt_tokio'], smol: ['rt_smol'], nio: ['rt_nio'], glommio: ['rt_glommio'] },
    defaultFeatures: [],
    source: 'https://github.com/ohkami-rs/ohkami/blob/v0.24.5/ohkami/Cargo.toml',
  },
  // Read at rust-sdks/livekit-runtime@0.4.0 (and zed's fork at 5f04705a, the same features): `async`
  // runs on async-std. The third mode, `dispatcher`, runs tasks on an executor the application hands
  // in but still takes async-std's TcpStream, so it stands for no single family and is left out.
  {
    crate: 'livekit-runtime',
    versions: '>=0.4.0 <0.5.0',
    features: { tokio: ['tokio'], 'async-std': ['async'] },
    defaultFeatures: ['tokio'],
    source: 'https://github.com/livekit/rust-sdks/blob/rust-sdks/livekit-runtime@0.4.0/livekit-runtime/Cargo.toml',
  },
  // Read at rust-sdks/livekit@0.7.8 and @0.7.32: the features pass on to livekit-api and livekit-runtime
  // (`dispatcher` left out as there); tokio itself stays a plain dependency for its sync and macros.
  {
    crate: 'livekit',
    versions: '>=0.7.8 <0.8.0',
    features: { tokio: ['tokio'], 'async-std': ['async'] },
    defaultFeatures: ['tokio'],
    source: 'https://github.com/livekit/rust-sdks/blob/rust-sdks/livekit@0.7.8/livekit/Cargo.toml',
  },
  // Read at 0.32.0 (sea-query-binder 0.7.0): each `runtime-*` feature enables sqlx's of the same name; no defaults.
  {
    crate: 'sea-query-binder',
    versions: '>=0.7.0 <0.8.0',
    features: {
      tokio: ['runtime-tokio', 'runtime-tokio-native-tls', 'runtime-tokio-rustls'],
      'async-std': ['runtime-async-std', 'runtime-async-std-native-tls', 'runtime-async-std-rustls'],
    },
    defaultFeatures: [],
    source: 'https://github.com/SeaQL/sea-query/blob/0.32.0/sea-query-binder/Cargo.toml',
  },
  // Read at v0.5.2 (0.5.0 and 0.5.1 depend on tokio unconditionally): tokio is the default feature;
  // without it, `futures-io` connects over any futures-io socket, such as smol's (its README says so).
  {
    crate: 'tokio-socks',
    versions: '>=0.5.2 <0.6.0',
    features: { tokio: ['tokio'], smol: ['futures-io'] },
    defaultFeatures: ['tokio'],
    source: 'https://github.com/sticnarf/tokio-socks/blob/v0.5.2/Cargo.toml',
  },
];

/** Crates bound to one runtime with no feature to change it, and what to use instead. */
export const RUNTIME_REPLACEMENTS: readonly RuntimeReplacement[] = [
  // async-std is a plain dependency at v0.5.0.
  {
    crate: 'async-tar',
    versions: '*',
    runtime: 'async-std',
    useInstead: {
      tokio: [{ crate: 'astral-tokio-tar', how: '(the maintained tokio fork)', source: 'https://docs.rs/crate/astral-tokio-tar/latest' }],
    },
    source: 'https://github.com/dignifiedquire/async-tar/blob/v0.5.0/Cargo.toml',
  },
  // Read at v0.24.0 and v0.25.0-alpha.4 (async-std a plain dependency); gone from v0.25.0.
  {
    crate: 'async-std-resolver',
    versions: '*',
    runtime: 'async-std',
    useInstead: {
      tokio: [
        {
          crate: 'hickory-resolver',
          how: 'with its default `tokio` feature',
          source: 'https://github.com/hickory-dns/hickory-dns/blob/v0.25.2/crates/resolver/Cargo.toml',
        },
      ],
    },
    source: 'https://github.com/hickory-dns/hickory-dns/blob/v0.24.0/crates/async-std-resolver/Cargo.toml',
  },
  // 0.3.0 depends on async-std unconditionally; 0.3.3's `runtime-tokio` is tokio 0.2; from 0.4.0 it is tokio 1.
  {
    crate: 'async-native-tls',
    versions: '<0.4.0',
    runtime: 'async-std',
    useInstead: {
      tokio: [
        {
          crate: 'async-native-tls',
          how: '0.4 or later with `runtime-tokio` (tokio 1)',
          source: 'https://github.com/async-email/async-native-tls/blob/v0.4.0/Cargo.toml',
        },
      ],
    },
    source: 'https://github.com/async-email/async-native-tls/blob/v0.3.3/Cargo.toml',
  },
  // 2.0.0 has no runtime feature and uses rtnetlink's smol socket; 3.0.0 adds `tokio`.
  {
    crate: 'if-watch',
    versions: '<3.0.0',
    runtime: 'smol',
    useInstead: {
      tokio: [
        { crate: 'if-watch', how: '3 with its `tokio` feature', source: 'https://github.com/libp2p/if-watch/blob/v3.0.0/Cargo.toml' },
      ],
    },
    source: 'https://github.com/libp2p/if-watch/blob/v2.0.0/Cargo.toml',
  },
  // stop-token 0.1.2 depends on async-std 1.0 unconditionally.
  {
    crate: 'stop-token',
    versions: '<0.2.0',
    runtime: 'async-std',
    useInstead: {
      tokio: [
        {
          crate: 'tokio-util',
          how: '(its `sync::CancellationToken`)',
          source: 'https://docs.rs/tokio-util/latest/tokio_util/sync/struct.CancellationToken.html',
        },
      ],
    },
    source: 'https://github.com/async-rs/stop-token/blob/v0.1.2/Cargo.toml',
  },
  {
    crate: 'tide',
    versions: '*',
    runtime: 'async-std',
    useInstead: { tokio: [{ crate: 'axum', source: 'https://github.com/tokio-rs/axum/blob/main/axum/Cargo.toml' }] },
    source: 'https://github.com/http-rs/tide/blob/main/Cargo.toml',
  },
  {
    crate: 'surf',
    versions: '*',
    runtime: 'async-std',
    useInstead: { tokio: [{ crate: 'reqwest', source: 'https://github.com/seanmonstar/reqwest/blob/master/Cargo.toml' }] },
    source: 'https://rustsec.org/advisories/RUSTSEC-2025-0036.html',
  },
];
