import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  auditLockfiles,
  describeAdvice,
  escapeMarkdownWithCode,
  type Finding,
  featureSwitch,
  RUNTIME_REPLACEMENTS,
  RUNTIME_SWITCHES,
  type RuntimeAdvice,
  renderMarkdown,
  runtimeSwitchFor,
} from '../src/index.js';
import { fixtureGraph, readFixture } from './support/fixtures.js';

/** Crate-level fix advice (issue 18, without manifests), each on the real lockfile it was seen on. */
const TODAY = '2026-12-02';
const runtimeFinding = (file: string, crate: string): Finding => {
  const report = analyze(fixtureGraph(`corpus/${file}`), undefined, { today: TODAY });
  const finding = report.findings.find((candidate) => candidate.rule === 'multiple-runtimes' && candidate.crate === crate);
  if (!finding) throw new Error(`no multiple-runtimes finding about ${crate} in ${file}`);
  return finding;
};
const adviceOf = (finding: Finding, crate: string): RuntimeAdvice => {
  const advice = finding.advice?.find((item) => item.crate === crate);
  if (!advice) throw new Error(`no advice about ${crate}: ${finding.suggestion}`);
  return advice;
};

describe('switch advice on real lockfiles', () => {
  it('nushell: minus selects async-std by a feature nu-command turns on', () => {
    const finding = runtimeFinding('nushell__nushell__9c375b33.Cargo.lock', 'async-std');
    expect(adviceOf(finding, 'minus')).toEqual({
      remove: 'async-std',
      keep: 'tokio',
      kind: 'switch',
      crate: 'minus',
      version: '3.2.0',
      switch: { disable: ['async_std_lib'], enable: ['tokio_lib'], defaultFeaturesOff: false, keepDefaults: [] },
      declaredVia: [{ member: 'nu-command', dependency: 'minus', version: '3.2.0', forwards: 'is-the-crate' }],
      declaredViaCount: 1,
      source: 'https://github.com/arijit79/minus/blob/v3.4.0/Cargo.toml',
    });
    expect(finding.suggestion).toBe(
      "Keep tokio, on tokio 1: switch minus 3.2.0 from `async_std_lib` to `tokio_lib` (in nu-command's dependency on minus); " +
        "replace surf 2.2.0 (built on async-std only) with reqwest (in nu_plugin_fetch's dependency on surf); " +
        'nu-cli and nu-command reach async-std through ichwh 0.3.4, and no crate on that path is known to switch runtimes: replace ichwh with a crate built on tokio 1.',
    );
  });

  it('rust-libp2p: quinn switches from runtime-async-std to runtime-tokio in libp2p-quic', () => {
    const finding = runtimeFinding('libp2p__rust-libp2p__3c1f856e.Cargo.lock', 'async-std');
    const quinn = adviceOf(finding, 'quinn');
    expect(quinn.switch).toEqual({
      disable: ['runtime-async-std'],
      enable: ['runtime-tokio'],
      defaultFeaturesOff: false,
      keepDefaults: [],
    });
    expect(describeAdvice(quinn, 'tokio 1')).toBe(
      "switch quinn 0.11.2 from `runtime-async-std` to `runtime-tokio` (in libp2p-quic's dependency on quinn)",
    );
    expect(describeAdvice(adviceOf(finding, 'async-std-resolver'), 'tokio 1')).toBe(
      "replace async-std-resolver 0.25.0-alpha.4 (built on async-std only) with hickory-resolver with its default `tokio` feature (in libp2p-dns's dependency on async-std-resolver)",
    );
  });

  it('rust-libp2p: smol comes through if-watch and quinn; rtnetlink sits under if-watch, which has its own switch', () => {
    const finding = runtimeFinding('libp2p__rust-libp2p__3c1f856e.Cargo.lock', 'smol');
    expect(adviceOf(finding, 'if-watch').switch?.enable).toEqual(['tokio']);
    expect(adviceOf(finding, 'if-watch').declaredVia[0]).toEqual({
      member: 'libp2p-mdns',
      dependency: 'if-watch',
      version: '3.2.1',
      forwards: 'is-the-crate',
    });
    const rtnetlink = adviceOf(finding, 'rtnetlink');
    expect(rtnetlink.switch).toEqual({ disable: ['smol_socket'], enable: ['tokio_socket'], defaultFeaturesOff: false, keepDefaults: [] });
    expect(rtnetlink.declaredVia[0]?.forwards).toBe('own-switch');
    expect(rtnetlink.declaredVia[0]?.dependency).toBe('if-watch');
    expect(adviceOf(finding, 'quinn').switch?.disable).toEqual(['runtime-smol']);
  });

  it('TechEmpower ohkami: each extra runtime is one rt_* feature of ohkami', () => {
    for (const [crate, feature] of [
      ['smol', 'rt_smol'],
      ['glommio', 'rt_glommio'],
      ['nio', 'rt_nio'],
    ] as const) {
      const finding = runtimeFinding('TechEmpower__FrameworkBenchmarks__72165896__frameworks-Rust-ohkami.Cargo.lock', crate);
      expect(finding.suggestion).toBe(
        `Keep tokio, on tokio 1: switch ohkami 0.24.1 from \`${feature}\` to \`rt_tokio\` (in framework_benchmarks's dependency on ohkami).`,
      );
    }
  });
  it('zed keeps smol: tokio-socks leaves tokio for its runtime-neutral `futures-io`; livekit has no smol feature', () => {
    const finding = runtimeFinding('zed-industries__zed__11041ef3.Cargo.lock', 'tokio');
    const socks = adviceOf(finding, 'tokio-socks');
    expect(socks.switch).toEqual({ disable: ['tokio'], enable: ['futures-io'], defaultFeaturesOff: true, keepDefaults: [] });
    expect(socks.declaredVia[0]).toEqual({ member: 'client', dependency: 'tokio-socks', version: '0.5.2', forwards: 'is-the-crate' });
    expect(describeAdvice(socks, 'smol 2')).toBe(
      "switch tokio-socks 0.5.2 from `tokio` to `futures-io`: its default features select `tokio`, so set `default-features = false` (in client's dependency on tokio-socks, and 5 more member dependencies)",
    );
    expect(describeAdvice(adviceOf(finding, 'livekit'), 'smol 2')).toBe(
      'livekit_client reaches tokio through livekit 0.7.8, which has runtime features, but none for smol: replace livekit with a crate built on smol 2',
    );
  });
});

describe('replacement advice on real lockfiles', () => {
  it('oranc: async-tar has no tokio switch', () => {
    const finding = runtimeFinding('linyinfeng__oranc__37fae71d.Cargo.lock', 'async-std');
    expect(finding.suggestion).toBe(
      "Keep tokio, on tokio 1: replace async-tar 0.5.0 (built on async-std only) with astral-tokio-tar (the maintained tokio fork) (in oranc's dependency on async-tar).",
    );
  });

  it('sqlx 22f1f93: async-native-tls 0.3 (its runtime-tokio is tokio 0.2) and tide', () => {
    const finding = runtimeFinding('launchbadge__sqlx__22f1f93.Cargo.lock', 'async-std');
    expect(finding.advice?.map((item) => `${item.kind} ${item.crate} ${item.version}`)).toEqual([
      'replace async-native-tls 0.3.3',
      'replace tide 0.6.0',
      'direct async-std 1.6.2',
    ]);
    expect(adviceOf(finding, 'async-native-tls').replacement?.[0]?.how).toBe('0.4 or later with `runtime-tokio` (tokio 1)');
  });

  it('northstar: stop-token 0.1 is bound to async-std', () => {
    const finding = runtimeFinding('esrlabs__northstar__1308d628.Cargo.lock', 'async-std');
    expect(adviceOf(finding, 'stop-token').replacement?.map((target) => target.crate)).toEqual(['tokio-util']);
    expect(adviceOf(finding, 'async-std').declaredVia.map((via) => via.member)).toEqual(['north', 'tests']);
  });

  it('a member that depends on the runtime itself is told to move, by name', () => {
    const finding = runtimeFinding('databendlabs__databend__ed383561.Cargo.lock', 'async-std');
    expect(finding.suggestion).toBe(
      'Keep tokio, on tokio 1: move databend-common-arrow from async-std to tokio 1 (it depends on async-std directly).',
    );
  });

  it('never advises replacing the kept runtime itself (monolake keeps monoio)', () => {
    const finding = runtimeFinding('cloudwego__monolake__99b3e7d0.Cargo.lock', 'tokio');
    expect(finding.advice?.map((item) => item.crate)).not.toContain('monoio');
    expect(finding.advice?.every((item) => item.kind === 'unknown')).toBe(true);
  });
});

describe('advice text', () => {
  it('says so when the crate on the path has runtime features, but none for the kept runtime (zed keeps smol)', () => {
    const finding = runtimeFinding('zed-industries__zed__11041ef3.Cargo.lock', 'async-std');
    expect(describeAdvice(adviceOf(finding, 'runtimelib'), 'smol 2')).toBe(
      'repl reaches async-std through runtimelib 0.25.0, which has runtime features, but none for smol: replace runtimelib with a crate built on smol 2',
    );
  });

  const sqlx = runtimeSwitchFor('sqlx', '0.7.4');
  it('says the exact switch of sqlx 0.7.4 and where', () => {
    const change = featureSwitch(sqlx as NonNullable<typeof sqlx>, 'async-std', 'tokio');
    const advice: RuntimeAdvice = {
      remove: 'async-std',
      keep: 'tokio',
      kind: 'switch',
      crate: 'sqlx',
      version: '0.7.4',
      ...(change ? { switch: change } : {}),
      declaredVia: [{ member: 'api', dependency: 'sqlx', version: '0.7.4', forwards: 'is-the-crate' }],
      declaredViaCount: 1,
    };
    expect(describeAdvice(advice, 'tokio 1')).toBe(
      "switch sqlx 0.7.4 from `runtime-async-std` to `runtime-tokio` (or `runtime-async-std-native-tls` to `runtime-tokio-native-tls`, `runtime-async-std-rustls` to `runtime-tokio-rustls` for the same TLS) (in api's dependency on sqlx)",
    );
  });

  it('turns default features off only when they select the runtime to remove, and lists the others', () => {
    const zeromq = runtimeSwitchFor('zeromq', '0.4.1');
    expect(featureSwitch(zeromq as NonNullable<typeof zeromq>, 'tokio', 'async-std')).toEqual({
      disable: ['tokio-runtime'],
      enable: ['async-std-runtime'],
      defaultFeaturesOff: true,
      keepDefaults: ['all-transport'],
    });
    const lettre = runtimeSwitchFor('lettre', '0.11.4');
    // lettre's defaults select no runtime: async-std comes only from `async-std1*` features.
    expect(featureSwitch(lettre as NonNullable<typeof lettre>, 'async-std', 'tokio')?.defaultFeaturesOff).toBe(false);
  });

  it("takes a prerelease's data from the manifest read at that prerelease", () => {
    // zed locks zeromq 0.5.0-pre: the 0.4 entry stops before 0.5.0's prereleases.
    expect(runtimeSwitchFor('zeromq', '0.5.0-pre')?.source).toBe(
      'https://github.com/zeromq/zmq.rs/blob/00ceb04292d5c6b6ecbb30cf000970f8198af8a2/Cargo.toml',
    );
    expect(runtimeSwitchFor('zeromq', '0.4.1')?.source).toBe('https://github.com/zeromq/zmq.rs/blob/v0.4.1/Cargo.toml');
    expect(runtimeSwitchFor('zeromq', '0.5.0')).toBeUndefined();
  });

  it('gives no switch where the crate has no feature for the runtime to keep', () => {
    const hickory = runtimeSwitchFor('hickory-resolver', '0.24.1');
    expect(featureSwitch(hickory as NonNullable<typeof hickory>, 'async-std', 'tokio')).toBeUndefined();
  });
});

describe('runtime switch data', () => {
  const named = [
    'lettre',
    'sqlx',
    'zbus',
    'quinn',
    'if-watch',
    'zeromq',
    'rtnetlink',
    'libp2p',
    'async-tungstenite',
    'redis',
    'mongodb',
    'trust-dns-resolver',
    'hickory-resolver',
  ];
  it('covers every crate the issue names, and the replacements it names', () => {
    expect(named.filter((crate) => !RUNTIME_SWITCHES.some((entry) => entry.crate === crate))).toEqual([]);
    const replaced = RUNTIME_REPLACEMENTS.map((entry) => entry.crate);
    expect(['async-tar', 'tide', 'surf', 'async-native-tls'].filter((crate) => !replaced.includes(crate))).toEqual([]);
  });

  it('never overlaps two entries of one crate', () => {
    const overlapping = RUNTIME_SWITCHES.flatMap((entry, index) =>
      RUNTIME_SWITCHES.slice(index + 1)
        .filter((other) => other.crate === entry.crate && semver.intersects(entry.versions, other.versions, { includePrerelease: true }))
        .map((other) => `${entry.crate} ${entry.versions} / ${other.versions}`),
    );
    expect(overlapping).toEqual([]);
  });

  it('lists each default feature as the crate does, and features of each family once', () => {
    for (const entry of RUNTIME_SWITCHES) {
      const all = Object.values(entry.features).flat();
      expect(new Set(all).size, entry.crate).toBe(all.length);
      expect(entry.source, entry.crate).toMatch(/^https:\/\/(github\.com|docs\.rs)\//);
    }
  });
});

describe('advice in Markdown', () => {
  it('sets feature names as code spans and escapes the rest (rust-libp2p)', () => {
    const audit = auditLockfiles(
      [{ path: 'Cargo.lock', head: readFixture('corpus/libp2p__rust-libp2p__3c1f856e.Cargo.lock') }],
      undefined,
      { today: TODAY },
    );
    const markdown = renderMarkdown(audit);
    expect(markdown).toContain(
      "switch quinn 0\\.11\\.2 from `runtime-async-std` to `runtime-tokio` \\(in libp2p\\-quic's dependency on quinn\\)",
    );
  });

  it('makes code spans only of the knowledge-base words it is given, and escapes everything else', () => {
    const words = new Set(['runtime-tokio', 'tokio']);
    expect(escapeMarkdownWithCode('move <b>x</b> from `a<b>` to `runtime-tokio` @team', words)).toBe(
      'move &lt;b&gt;x&lt;/b&gt; from \\`a&lt;b&gt;\\` to `runtime-tokio` @\u2060team',
    );
    // A name with a backtick shifts the pairs: the feature stays escaped text, nothing becomes code.
    expect(escapeMarkdownWithCode('in x`y dependency on `tokio`', words)).toBe('in x\\`y dependency on \\`tokio\\`');
  });
});
