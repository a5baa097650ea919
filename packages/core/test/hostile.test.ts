import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { MAX_PATH_STEPS, MAX_PATHS_PER_FINDING } from '../src/findings/bounds.js';
import {
  type Audit,
  analyze,
  auditLockfiles,
  buildGraph,
  codeSpan,
  DEFAULT_MAX_LOCKFILE_BYTES,
  decodeLockfile,
  decodePolicy,
  escapeMarkdown,
  GITHUB_COMMENT_LIMIT,
  GITHUB_SUMMARY_LIMIT,
  gitRefProblem,
  invalidUtf8Offset,
  LockfileError,
  loadPolicy,
  PolicyError,
  parseLockfile,
  renderMarkdown,
  renderSarif,
  renderSummary,
  renderText,
  whyPaths,
} from '../src/index.js';
import { HOSTILE_STRINGS } from './support/fuzz.js';
import { deepChainLockfile, invalidUtf8Lockfile, twoRuntimesNamed } from './support/hostile-lockfiles.js';
import { type TinyPackage, tinyLockfile } from './support/lockfiles.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const TODAY = '2026-11-24';
const RUNTIMES: TinyPackage[] = [
  { name: 'async-std', version: '1.13.1' },
  { name: 'tokio', version: '1.46.1' },
];
/** A TOML basic string (JSON's escapes are TOML's, for what JSON.stringify writes). */
const toml = (text: string) => JSON.stringify(text);

const PAYLOADS = [
  ...HOSTILE_STRINGS,
  'x\n\n# Injected heading\n\n[click](https://evil.example)\n\n',
  '\u001b[2J\u001b[31mred',
  '<details open><summary>fake</summary>',
  '</details><h1>escape</h1>',
  '[ref]: https://evil.example',
  '![img](https://evil.example/x.png)',
  '<https://evil.example>',
  'evil@example.com',
  '```\n# not code',
];

/**
 * A workspace whose names, versions and sources carry the payload: a member named after it, a git
 * crate named after it (spaces removed: dependency strings split on them) that pulls in async-std with
 * the payload in its version, next to tokio. Diffed against a tokio-only base, in a directory named
 * after the payload, next to a second lockfile.
 */
function hostileAudit(payload: string): Audit {
  const crate = `${payload.replace(/\s/g, '')}-lib`;
  const head = `version = 4

[[package]]
name = ${toml(payload)}
version = "0.1.0"
dependencies = [${toml(crate)}, "tokio"]

[[package]]
name = ${toml(crate)}
version = ${toml(`1.0.0-${crate}`)}
source = ${toml(`git+https://github.com/evil/repo?branch=${encodeURIComponent(payload)}#0123abcd`)}
dependencies = ["async-std"]

[[package]]
name = "async-std"
version = ${toml(`1.13.1+${crate}`)}
source = "${CRATES_IO}"

[[package]]
name = "tokio"
version = "1.46.1"
source = "${CRATES_IO}"
`;
  const base = `version = 4

[[package]]
name = ${toml(payload)}
version = "0.1.0"
dependencies = ["tokio"]

[[package]]
name = "tokio"
version = "1.46.1"
source = "${CRATES_IO}"
`;
  return auditLockfiles(
    [
      { path: `services/${payload}/Cargo.lock`, head, base },
      { path: 'Cargo.lock', head, base: null },
    ],
    undefined,
    { today: TODAY },
  );
}

/** GitHub-flavoured Markdown as GitHub would render it, raw HTML let through so that any leak shows. */
const toHtml = (markdown: string) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

/** The document's structure: its tags in order, attributes and text left out. */
const skeleton = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[0]);

/** Text a reader sees outside code spans and blocks. */
const proseOf = (html: string) => html.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');

const BENIGN = hostileAudit('benign-name');
/** The same workspace with a harmless name of the same length (long names make the renderers cut). */
const benignTwin = (payload: string) => hostileAudit(payload.length > 100 ? 'b'.repeat(payload.length) : 'benign-name');

describe('hostile lockfile content cannot shape the Markdown', () => {
  for (const payload of PAYLOADS) {
    it(`payload ${JSON.stringify(payload.slice(0, 40))}`, () => {
      const audit = hostileAudit(payload);
      const twin = benignTwin(payload);
      // One finding per cause: the discouraged async-std comes with the runtime it is.
      expect(
        audit.lockfiles[0]?.diff.findings.introduced.map((finding) => [finding.rule, ...finding.related.map((related) => related.rule)]),
      ).toEqual([['multiple-runtimes', 'rustsec-advisory']]);
      for (const [render, limit] of [
        [(value: Audit) => renderMarkdown(value), GITHUB_COMMENT_LIMIT],
        [(value: Audit) => renderSummary(value), GITHUB_SUMMARY_LIMIT],
      ] as const) {
        const markdown = render(audit);
        expect(markdown.length).toBeLessThanOrEqual(limit);
        const html = toHtml(markdown);
        // Same structure as the same workspace with a harmless name: no heading, link, image, list,
        // table, HTML element or code block came from the lockfile.
        expect(skeleton(html)).toEqual(skeleton(toHtml(render(twin))));
        const links = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((match) => match[1]);
        for (const link of links)
          expect(link).toMatch(
            /^https:\/\/(github\.com\/runtime-guard\/runtime-guard\/blob|rustsec\.org|github\.com\/rustsec|docs\.rs|crates\.io)\//,
          );
        const prose = proseOf(html);
        expect(prose).not.toMatch(/@[A-Za-z0-9]/); // a mention needs @ right before the name
        expect(prose).not.toMatch(/https?:\/\/|www\.(?!\u2060)/); // no bare URL for autolinking
        // Only our own marker is an HTML comment; the payload's copy is text (escaped, or inside code).
        expect(html.replace(/<code>[\s\S]*?<\/code>/g, '').split('<!-- runtime-guard -->').length).toBeLessThanOrEqual(2);
      }
    });
  }

  it('the text report has no control characters and no extra lines', () => {
    const benignLines = renderText(BENIGN).split('\n').length;
    for (const payload of PAYLOADS) {
      const text = renderText(hostileAudit(payload));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(text.split('\n')).toHaveLength(benignLines);
    }
  });

  it('SARIF stays valid JSON with the payload only in plain-text fields and percent-encoded URIs', () => {
    for (const payload of PAYLOADS) {
      const sarif = JSON.parse(renderSarif(hostileAudit(payload), '0.1.0'));
      const results = sarif.runs[0].results as {
        message: { text: string; markdown?: string };
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(result.message.markdown).toBeUndefined();
        const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
        expect(uri).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/);
        expect(decodeURIComponent(uri)).toMatch(/Cargo\.lock$/);
      }
    }
  });
});

describe('hostile structure', () => {
  it('__proto__ and constructor as names, dependencies and keys: parsed as data, nothing polluted', () => {
    const text = `__proto__ = { polluted = true }\n${tinyLockfile([
      { name: '__proto__', version: '0.1.0', registry: false, dependencies: ['constructor', 'toString'] },
      { name: 'constructor', version: '1.0.0', dependencies: ['async-std'] },
      { name: 'toString', version: '1.0.0', dependencies: ['tokio'] },
      ...RUNTIMES,
    ])}`;
    const graph = buildGraph(parseLockfile(text));
    expect(graph.packages.map((pkg) => pkg.name)).toEqual(['__proto__', 'constructor', 'toString', 'async-std', 'tokio']);
    expect(whyPaths(graph, 'async-std')[0]?.paths[0]?.map((pkg) => pkg.name)).toEqual(['__proto__', 'constructor', 'async-std']);
    expect(analyze(graph, undefined, { today: TODAY }).findings.map((finding) => finding.rule)).toContain('multiple-runtimes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => loadPolicy('[severity]\n__proto__ = "off"\n')).toThrow(PolicyError);
    expect(() => loadPolicy('constructor = 1\n')).toThrow(/unknown key `constructor`/);
    const policy = loadPolicy('[[allow]]\ncrate = "__proto__"\nversions = "*"\nreason = "test"\n');
    expect(policy.allow[0]?.crate).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a dependency cycle: why-paths end, rules run', () => {
    const text = tinyLockfile([
      { name: 'app', version: '0.1.0', registry: false, dependencies: ['a'] },
      { name: 'a', version: '1.0.0', dependencies: ['b'] },
      { name: 'b', version: '1.0.0', dependencies: ['a', 'b', 'async-std'] },
      { name: 'async-std', version: '1.13.1', dependencies: ['app'] },
    ]);
    const graph = buildGraph(parseLockfile(text));
    expect(whyPaths(graph, 'async-std')[0]?.paths[0]?.map((pkg) => pkg.name)).toEqual(['app', 'a', 'b', 'async-std']);
    expect(analyze(graph, undefined, { today: TODAY }).findings.map((finding) => finding.rule)).toEqual(['rustsec-advisory']);
  });

  it('100,000 packages depending on one: parsed, analyzed and rendered within GitHub limits', () => {
    const count = 100_000;
    const lines = ['version = 4', '', '[[package]]', 'name = "app"', 'version = "0.1.0"', 'dependencies = ['];
    for (let index = 0; index < count; index++) lines.push(` "c${index}",`);
    lines.push(']', '');
    for (let index = 0; index < count; index++) {
      lines.push('[[package]]', `name = "c${index}"`, 'version = "1.0.0"', `source = "${CRATES_IO}"`, 'dependencies = ["tokio"]', '');
    }
    lines.push('[[package]]', 'name = "tokio"', 'version = "1.46.1"', `source = "${CRATES_IO}"`, '');
    const text = lines.join('\n');
    const graph = buildGraph(parseLockfile(text));
    expect(graph.dependents[graph.packages.length - 1]).toHaveLength(count);
    const report = analyze(graph, undefined, { today: TODAY });
    expect(report.runtimes.map((runtime) => [runtime.family, runtime.directDependents])).toEqual([['tokio', count]]);
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: text, base: null }], undefined, { today: TODAY });
    expect(renderMarkdown(audit).length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(renderSummary(audit))).toBeLessThanOrEqual(GITHUB_SUMMARY_LIMIT);
  }, 60_000);

  it('a chain 10,000 crates deep: the why-path has every step, and the comment still fits', () => {
    const depth = 10_000;
    const lines = ['version = 4', '', '[[package]]', 'name = "app"', 'version = "0.1.0"', 'dependencies = ["c0", "tokio"]', ''];
    for (let index = 0; index < depth; index++) {
      const next = index + 1 < depth ? `c${index + 1}` : 'async-std';
      lines.push('[[package]]', `name = "c${index}"`, 'version = "1.0.0"', `source = "${CRATES_IO}"`, `dependencies = ["${next}"]`, '');
    }
    for (const [name, version] of [
      ['async-std', '1.13.1'],
      ['tokio', '1.46.1'],
    ])
      lines.push('[[package]]', `name = "${name}"`, `version = "${version}"`, `source = "${CRATES_IO}"`, '');
    const text = lines.join('\n');
    const graph = buildGraph(parseLockfile(text));
    expect(whyPaths(graph, 'async-std')[0]?.paths[0]).toHaveLength(depth + 2);
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: text, base: null }], undefined, { today: TODAY });
    const markdown = renderMarkdown(audit);
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown).toContain('multiple-runtimes');
    expect(Buffer.byteLength(renderSummary(audit))).toBeLessThanOrEqual(GITHUB_SUMMARY_LIMIT);
  }, 60_000);

  it('a file over 50 MiB is refused before parsing, with its size and the limit', () => {
    const text = `version = 4\n${'#'.repeat(DEFAULT_MAX_LOCKFILE_BYTES)}\n`;
    expect(text.indexOf('\u0001')).toBe(-1); // flattens the string, so its own bytes are counted before the measure
    const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = memory();
    const started = performance.now();
    let error: unknown;
    try {
      parseLockfile(text, { fileName: 'Cargo.lock' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as LockfileError).code).toBe('too-large');
    expect((error as LockfileError).message).toBe(
      'Cargo.lock: the file is larger than the limit of 50.0 MiB (52,428,800 bytes); a Cargo.lock this large is not a real one',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    // Refused without building a document: memory grows by far less than the text itself.
    expect(memory() - before).toBeLessThan(DEFAULT_MAX_LOCKFILE_BYTES / 2);
  });
});

describe('limits with 10,000 findings', () => {
  it('the comment stays within 65,536 characters and the summary within 1 MiB', () => {
    // 5,000 lockfiles, each adding async-std next to tokio: two findings apiece, one nested in the other.
    const head = tinyLockfile([
      { name: 'app\u00e9\u{1F980}', version: '0.1.0', registry: false, dependencies: ['async-std', 'tokio'] },
      ...RUNTIMES,
    ]);
    const inputs = Array.from({ length: 5_000 }, (_, index) => ({ path: `crates/member-${index}-ünïcödé/Cargo.lock`, head, base: null }));
    const audit = auditLockfiles(inputs, undefined, { today: TODAY });
    const count = (finding: { related: readonly unknown[] }) => 1 + finding.related.length;
    expect(audit.lockfiles.reduce((sum, lockfile) => sum + lockfile.diff.findings.introduced.reduce((n, f) => n + count(f), 0), 0)).toBe(
      10_000,
    );
    const comment = renderMarkdown(audit);
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment).toMatch(/Left out to fit GitHub's size limit: \d+ introduced findings/);
    const summary = renderSummary(audit);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(GITHUB_SUMMARY_LIMIT);
    expect(summary.length).toBeGreaterThan(GITHUB_SUMMARY_LIMIT / 4);
  }, 60_000);
});

describe('the security review (issue 17), at the library level', () => {
  it('a deep chain to many versions: every path cut to 24 steps, its full length kept, shown with a count', () => {
    const graph = buildGraph(parseLockfile(deepChainLockfile(2_000, 300), { fileName: 'Cargo.lock' }));
    const report = analyze(graph, undefined, { today: TODAY });
    // One finding per advisory, naming three versions and counting the rest; every finding keeps bounded paths.
    const all = report.findings.flatMap((finding) => [finding, ...finding.related]);
    const deep = all.filter((finding) => finding.rule === 'rustsec-advisory');
    expect(deep).toHaveLength(1);
    expect(deep[0]?.message).toContain('and 297 more versions: RustSec unmaintained advisory RUSTSEC-2025-0052 (2025-08-24)');
    for (const finding of all) {
      expect(finding.paths.length).toBeLessThanOrEqual(MAX_PATHS_PER_FINDING);
      for (const path of finding.paths) expect(path.length).toBeLessThanOrEqual(MAX_PATH_STEPS);
    }
    expect(deep[0]?.pathLengths).toEqual([2_002]);
    expect(deep[0]?.paths[0]?.[0]?.name).toBe('app');
    expect(deep[0]?.paths[0]?.at(-1)?.name).toBe('async-std');
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: deepChainLockfile(2_000, 3) }], undefined, { today: TODAY });
    expect(renderText(audit)).toContain('… 1,992 more …');
    // whyPaths bounds the same way when asked, and says how long each path is.
    const [why] = whyPaths(graph, 'tokio', { maxSteps: 24 });
    expect(why?.pathLengths).toEqual([2]);
  });

  it('invalid UTF-8 is refused with its byte offset and line, never decoded with U+FFFD', () => {
    const { bytes, offset } = invalidUtf8Lockfile();
    expect(invalidUtf8Offset(bytes)).toBe(offset);
    expect(() => decodeLockfile(bytes, 'Cargo.lock')).toThrow(`Cargo.lock:4: not valid UTF-8: byte 0xff at offset ${offset}`);
    // Overlong forms, surrogates and truncated sequences too; valid multi-byte text passes.
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      expect(invalidUtf8Offset(Uint8Array.from([0x61, ...bad]))).toBe(1);
    }
    expect(invalidUtf8Offset(new TextEncoder().encode('ünï 🦀 \u202e'))).toBeUndefined();
    expect(() => decodePolicy(Uint8Array.from([0x61, 0xff]), 'runtime-guard.toml')).toThrow(PolicyError);
  });

  it('apostrophes stay apostrophes; controls, bidi and zero-width characters are shown; `|` in code only escaped in tables', () => {
    expect(escapeMarkdown("we don't")).toBe("we don't");
    expect(escapeMarkdown('a\u202eb\u200bc\u0007d')).toBe('a\\\\u\\{202e\\}b\\\\u\\{200b\\}c\\\\u\\{7\\}d');
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(codeSpan('x\u202ey')).toBe('`x\\u{202e}y`');
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: twoRuntimesNamed("don't\u202e\u0000") }], undefined, { today: TODAY });
    const html = micromark(renderMarkdown(audit), { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toContain('&amp;#39;');
    expect(html).toContain('\\u{202e}');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not reach the comment
    expect(html).not.toMatch(/[\u202e\u0000]/);
  });

  it('a git ref that git would read as an option, a range or REF:PATH is refused', () => {
    for (const ref of ['--output=/tmp/x', '-p', 'a..b', 'HEAD:Cargo.lock', 'a b', 'a\nb', ''])
      expect(gitRefProblem(ref), ref).toBeDefined();
    for (const ref of ['main', 'origin/main', 'v1.2.3', 'HEAD~1', 'a'.repeat(40)]) expect(gitRefProblem(ref), ref).toBeUndefined();
  });

  it('a policy error quotes at most 80 characters of a 200 KB value', () => {
    const policy = `[[discouraged]]\ncrate = "x"\nversions = "${'9'.repeat(200_000)}"\nreason = "r"\n`;
    let message = '';
    try {
      loadPolicy(policy, 'runtime-guard.toml');
    } catch (error) {
      message = (error as PolicyError).message;
    }
    expect(message).toContain('(200000 characters)');
    expect(message.length).toBeLessThan(400);
  });
});
