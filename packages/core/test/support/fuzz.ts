import { MAX_PATH_STEPS, MAX_PATHS_PER_FINDING } from '../../src/findings/bounds.js';
import {
  analyze,
  auditLockfiles,
  buildGraph,
  decodeLockfile,
  LockfileError,
  loadPolicy,
  PolicyError,
  parseLockfile,
  renderMarkdown,
  renderSarif,
  renderText,
  whyPaths,
} from '../../src/index.js';
import { deepChainLockfile } from './hostile-lockfiles.js';
import { seededRandom } from './synthetic.js';

/**
 * A mutation fuzzer for parseLockfile and loadPolicy. Inputs are real lockfiles (whole, or a window
 * of their packages), small policies, and pure noise, then 0–4 mutations: cuts, copies, inserted
 * TOML fragments and hostile strings, swapped lines, flipped characters. Every input must end in a
 * result or the one error type of its parser, within {@link SLOW_CASE_MS}.
 */
export const SLOW_CASE_MS = 1_000;

/** One generated input. */
export interface FuzzCase {
  readonly target: 'lockfile' | 'policy';
  readonly text: string;
}

/** The outcome of one case: parsed (and analyzed), or refused with the parser's own error. */
export type FuzzOutcome = 'accepted' | 'refused';

const TOML_FRAGMENTS = [
  '[[package]]\n',
  '[package]\n',
  '[root]\n',
  '[metadata]\n',
  '[[patch.unused]]\n',
  'version = 4\n',
  'version = 3\n',
  'version = "1"\n',
  'name = "tokio"\n',
  'name = "async-std"\n',
  'version = "1.46.1"\n',
  'version = "0.2.25"\n',
  'source = "registry+https://github.com/rust-lang/crates.io-index"\n',
  'source = "git+https://github.com/a/b?branch=x#abc"\n',
  'source = "sparse+"\n',
  'source = "path+file:///x"\n',
  'dependencies = [\n "tokio",\n]\n',
  'dependencies = ["tokio 1.46.1 (registry+https://github.com/rust-lang/crates.io-index)"]\n',
  'dependencies = "tokio"\n',
  'checksum = "00"\n',
  '"checksum tokio 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)" = "ab"\n',
  'runtime = "tokio"\n',
  'allowed-runtimes = ["tokio", "smol"]\n',
  '[severity]\nmultiple-runtimes = "off"\n',
  '[[allow]]\ncrate = "async-std"\nversions = "1"\nreason = "x"\nexpires = 2027-01-01\n',
  '[[discouraged]]\ncrate = "openssl"\nversions = "*"\nreason = "r"\nuse-instead = ["rustls"]\n',
  'expires = 1979-05-27T07:32:00Z\n',
  'versions = ">=1, <2 || 3"\n',
  '__proto__ = 1\n',
  'constructor = { prototype = 1 }\n',
  '[__proto__]\n',
  'a.b.c.d.e = 1\n',
  '"""\n',
  "'''\n",
  '= \n',
  '[[\n',
  ']]\n',
  '\\u0000',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\r\n',
  '\t',
  '# comment\n',
  'x = [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n',
  'x = {a={b={c={d={}}}}}\n',
  'inf = inf\nnan = -nan\n',
  'n = 0x7fffffffffffffff\n',
  'd = 1979-05-27T00:32:00.999999-07:00\n',
];

/** Strings an attacker would put in a pull request's Cargo.lock. */
export const HOSTILE_STRINGS = [
  '[x](https://evil.example)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '@org/team',
  '@everyone',
  '`code` ``` fence',
  '| pipe | table |',
  'line\nbreak',
  '<!-- runtime-guard -->',
  '](javascript:alert(1))',
  '**bold** _em_ ~~strike~~',
  '# heading',
  '> quote',
  '&lt;escaped&gt;',
  'https://evil.example/',
  'www.evil.example',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, as an attacker would write it
  '${{ secrets.GITHUB_TOKEN }}',
  '::error::injected workflow command',
  '%0A::warning::encoded',
  '\u202Egnp.exe',
  'a'.repeat(5000),
  // From the security review (issue 17): apostrophes, control, zero-width and bidi characters, pipes in code.
  "we don't",
  'bell\u0007nul\u0000esc\u001b[2J',
  'zero\u200bwidth\u2060joiner\ufeffbom',
  '\u2066isolate\u2069\u061c',
  'a|b`|`c',
];

const WINDOW_MIN = 2;
const WINDOW_MAX = 40;

/** Cases for parseLockfile, from seed texts (real lockfiles). Deterministic for a given seed. */
export function* lockfileCases(seed: number, count: number, seeds: readonly string[]): Generator<FuzzCase> {
  const random = seededRandom(seed);
  const packageBlocks = seeds.map(splitPackages);
  for (let index = 0; index < count; index++) {
    const roll = random();
    let text: string;
    if (roll < 0.55) {
      // A window of consecutive packages of a real file, behind its header.
      const blocks = pick(random, packageBlocks);
      const size = WINDOW_MIN + Math.floor(random() * (WINDOW_MAX - WINDOW_MIN));
      const start = Math.floor(random() * Math.max(1, blocks.packages.length - size));
      const window = blocks.packages.slice(start, start + size).join('');
      // Without their dependency lists the packages of a window resolve, and reach the rules.
      text = blocks.header + (random() < 0.5 ? window.replace(/^dependencies = \[[^\]]*\]\n/gm, '') : window);
    } else if (roll < 0.6) {
      text = pick(random, seeds);
    } else if (roll < 0.62) {
      // A deep chain to many versions of one runtime (issue 17): paths must stay bounded.
      text = deepChainLockfile(50 + Math.floor(random() * 400), 2 + Math.floor(random() * 60));
    } else if (roll < 0.9) {
      // A small lockfile whose dependencies resolve, so mutations reach the graph and the rules.
      text = smallLockfile(random);
    } else {
      text = noise(random);
    }
    yield { target: 'lockfile', text: mutate(text, random) };
  }
}

/** Cases for loadPolicy. */
export function* policyCases(seed: number, count: number, seeds: readonly string[]): Generator<FuzzCase> {
  const random = seededRandom(seed);
  for (let index = 0; index < count; index++) {
    const base = random() < 0.9 ? pick(random, seeds) : noise(random);
    yield { target: 'policy', text: mutate(base, random) };
  }
}

/**
 * Runs one case through its parser and, for accepted lockfiles, the whole pipeline (graph, why-paths,
 * rules, diff, renderers). Returns the outcome; throws anything that is not the parser's own error.
 */
export function runCase(fuzzCase: FuzzCase): FuzzOutcome {
  try {
    if (fuzzCase.target === 'policy') {
      const policy = loadPolicy(fuzzCase.text, 'runtime-guard.toml');
      analyze(buildGraph(parseLockfile(SMALL_WITH_TWO_RUNTIMES)), policy, { today: '2026-11-24' });
      return 'accepted';
    }
    const graph = buildGraph(parseLockfile(fuzzCase.text, { fileName: 'Cargo.lock' }));
    for (const pkg of graph.packages.slice(0, 5)) whyPaths(graph, pkg.name, { limit: 3 });
    analyze(graph, undefined, { today: '2026-11-24' });
    const audit = auditLockfiles([{ path: 'Cargo.lock', head: fuzzCase.text, base: SMALL_WITH_TWO_RUNTIMES }], undefined, {
      today: '2026-11-24',
    });
    expectSecurityProperties(audit, renderMarkdown(audit), renderText(audit));
    // The same text as bytes, one of them made invalid UTF-8: refused with its offset, never decoded with U+FFFD.
    const bytes = new TextEncoder().encode(fuzzCase.text);
    if (bytes.length > 0) {
      bytes[Math.floor(bytes.length / 2)] = 0xff;
      try {
        decodeLockfile(bytes, 'Cargo.lock');
        throw new Error('invalid UTF-8 was decoded');
      } catch (error) {
        if (!(error instanceof LockfileError) || error.code !== 'invalid-utf8') throw error;
      }
    }
    renderSarif(audit, '0.0.0');
    return 'accepted';
  } catch (error) {
    if (fuzzCase.target === 'lockfile' && error instanceof LockfileError) return 'refused';
    if (fuzzCase.target === 'policy' && error instanceof PolicyError) return 'refused';
    throw error;
  }
}

/**
 * What the security review asked of every accepted input (issue 17): why-paths bounded per finding,
 * no `&#39;` and no raw control, bidi or zero-width character in the comment or the terminal text.
 * Throws a plain Error (not the parser's), so the harness reports it.
 */
function expectSecurityProperties(audit: ReturnType<typeof auditLockfiles>, markdown: string, text: string): void {
  for (const { diff } of audit.lockfiles) {
    for (const finding of diff.head.findings) {
      if (finding.paths.length > MAX_PATHS_PER_FINDING || finding.paths.some((path) => path.length > MAX_PATH_STEPS)) {
        throw new Error(`unbounded why-paths in ${finding.fingerprint}`);
      }
    }
  }
  if (markdown.includes('&#39;')) throw new Error('an apostrophe rendered as &#39;');
  if (INVISIBLE_RAW.test(markdown.replaceAll('\u2060', '')) || INVISIBLE_RAW.test(text.replace(/\n/g, ''))) {
    throw new Error('a control, bidi or zero-width character reached the output raw');
  }
}

// Everything visible.ts escapes except the line breaks renderers write themselves and our own word joiners.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are the point
const INVISIBLE_RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const SMALL_WITH_TWO_RUNTIMES = `version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["async-std", "tokio"]

[[package]]
name = "async-std"
version = "1.13.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tokio"
version = "1.46.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;

function smallLockfile(random: () => number): string {
  const names = [
    'app',
    'tokio',
    'async-std',
    'smol',
    'axum',
    'hyper',
    'tide',
    'surf',
    'actix-web',
    'futures',
    pick(random, HOSTILE_STRINGS),
  ];
  const count = 2 + Math.floor(random() * 8);
  const chosen = Array.from({ length: count }, (_, index) => ({
    name: names[(index + Math.floor(random() * 3)) % names.length] as string,
    index,
  }));
  const packages = chosen.map(({ name, index }) => {
    const version = random() < 0.1 ? pick(random, HOSTILE_STRINGS) : `${Math.floor(random() * 3)}.${Math.floor(random() * 50)}.${index}`;
    return { name, version, root: index === 0 };
  });
  const lines = [`version = ${random() < 0.5 ? 4 : 3}`, ''];
  for (const [index, pkg] of packages.entries()) {
    lines.push('[[package]]', `name = ${JSON.stringify(pkg.name)}`, `version = ${JSON.stringify(pkg.version)}`);
    if (!pkg.root) lines.push('source = "registry+https://github.com/rust-lang/crates.io-index"');
    const dependencies = packages.filter((_, other) => other !== index && random() < 0.4).map((dep) => `${dep.name} ${dep.version}`);
    if (dependencies.length > 0) lines.push(`dependencies = ${JSON.stringify(dependencies)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function splitPackages(text: string): { header: string; packages: string[] } {
  const parts = text.split(/^(?=\[\[package\]\]$)/m);
  return { header: parts[0] ?? '', packages: parts.slice(1) };
}

function noise(random: () => number): string {
  const length = Math.floor(random() * 300);
  let text = '';
  for (let index = 0; index < length; index++) {
    text += random() < 0.5 ? pick(random, TOML_FRAGMENTS) : String.fromCharCode(Math.floor(random() * (random() < 0.9 ? 128 : 0xffff)));
  }
  return text;
}

const MUTATIONS: ((text: string, random: () => number) => string)[] = [
  // Cut a range.
  (text, random) => {
    const start = Math.floor(random() * text.length);
    return text.slice(0, start) + text.slice(start + Math.floor(random() * 200));
  },
  // Copy a range somewhere else (duplicate packages and keys).
  (text, random) => {
    const start = Math.floor(random() * text.length);
    const piece = text.slice(start, start + Math.floor(random() * 400));
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + piece + text.slice(at);
  },
  // Insert a TOML fragment at a line start.
  (text, random) => insertAtLine(text, random, pick(random, TOML_FRAGMENTS)),
  // Replace a quoted value with a hostile string.
  (text, random) => {
    const quoted = [...text.matchAll(/"[^"\n]*"/g)];
    if (quoted.length === 0) return text;
    const match = pick(random, quoted);
    const at = match.index ?? 0;
    return text.slice(0, at) + JSON.stringify(pick(random, HOSTILE_STRINGS)) + text.slice(at + match[0].length);
  },
  // Swap two lines.
  (text, random) => {
    const lines = text.split('\n');
    const a = Math.floor(random() * lines.length);
    const b = Math.floor(random() * lines.length);
    [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
    return lines.join('\n');
  },
  // Flip one character.
  (text, random) => {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(at + 1);
  },
  // Truncate.
  (text, random) => text.slice(0, Math.floor(random() * text.length)),
  // Change a version number inside a string.
  (text, random) =>
    text.replace(
      /"(\d+)\.(\d+)\.(\d+)"/,
      () => `"${pick(random, ['0.0.0', '1.0.0-alpha+build', '99999999999999999999.0.0', '1', 'v1.0.0', ''])}"`,
    ),
];

function mutate(text: string, random: () => number): string {
  let result = text;
  const count = random() < 0.3 ? 0 : 1 + Math.floor(random() * 4);
  for (let index = 0; index < count; index++) result = pick(random, MUTATIONS)(result, random);
  return result;
}

function insertAtLine(text: string, random: () => number, fragment: string): string {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0 && starts.length < 10_000; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const at = pick(random, starts);
  return text.slice(0, at) + fragment + text.slice(at);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
