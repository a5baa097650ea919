import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { DependencyLineCollector, type DependencyLines, locateDependencies } from '../src/manifest/lines.js';
import { readTomlSubset } from '../src/manifest/toml-subset.js';
import { readWorkspaceFixture, workspaceFolders } from './support/workspaces.js';

/**
 * Equal as the audit sees values: same prototype (smol-toml's tables have none), same own keys in
 * the same order (dependency and feature order follow it), same primitives (`Object.is`: -0 ≠ 0).
 * Returns the path of the first difference, or undefined.
 */
function difference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null) {
    return Object.is(actual, expected) ? undefined : `${path}: ${String(actual)} ≠ ${String(expected)}`;
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${path}: prototypes differ`;
  const actualKeys = Reflect.ownKeys(actual);
  const expectedKeys = Reflect.ownKeys(expected);
  if (actualKeys.join('\0') !== expectedKeys.join('\0')) return `${path}: keys [${actualKeys.join(', ')}] ≠ [${expectedKeys.join(', ')}]`;
  for (const key of expectedKeys) {
    const found = difference(
      (actual as Record<string | symbol, unknown>)[key],
      (expected as Record<string | symbol, unknown>)[key],
      `${path}.${String(key)}`,
    );
    if (found) return found;
  }
  return undefined;
}

type Outcome = { declined: true } | { declined: false; difference?: string };

/** Dependency lines as nested entries, in insertion order. */
const entries = (lines: DependencyLines) => [...lines].map(([table, keys]) => [table, [...keys]]);

/**
 * The reader's outcome on `text`: declined, or accepted with its difference from smol-toml's value (or
 * smol-toml's error), or from locateDependencies' lines when the reader's lines differ.
 */
function compare(text: string): Outcome {
  const collector = new DependencyLineCollector(text);
  const value = readTomlSubset(text, collector);
  if (value === undefined) return { declined: true };
  let expected: unknown;
  try {
    expected = parseToml(text);
  } catch (error) {
    return { declined: false, difference: `accepted what smol-toml rejects: ${(error as Error).message.split('\n')[0]}` };
  }
  const found = difference(value, expected);
  if (found) return { declined: false, difference: found };
  const lines = JSON.stringify(entries(collector.lines));
  const expectedLines = JSON.stringify(entries(locateDependencies(text)));
  return lines === expectedLines ? { declined: false } : { declined: false, difference: `lines ${lines} ≠ ${expectedLines}` };
}

const manifests = workspaceFolders().flatMap((folder) =>
  [...readWorkspaceFixture(folder).manifests].map(([path, text]) => ({ file: `${folder}/${path}`, text })),
);

describe('readTomlSubset on real manifests (test/fixtures/workspaces)', () => {
  it("returns smol-toml's value for every Cargo.toml, and declines none", () => {
    expect(manifests.length).toBeGreaterThan(250);
    const declined: string[] = [];
    for (const { file, text } of manifests) {
      const outcome = compare(text);
      if (outcome.declined) declined.push(file);
      else expect(outcome.difference, file).toBeUndefined();
    }
    // A decline costs only speed; a new fixture that is declined should teach the reader its construct.
    expect(declined).toEqual([]);
  });

  it('reads CRLF line ends the same way', () => {
    for (const { file, text } of manifests.slice(0, 40)) {
      const outcome = compare(text.replace(/\n/g, '\r\n'));
      expect(outcome, file).toEqual({ declined: false });
    }
  });
});

describe('readTomlSubset on the TOML 1.0 conformance suite (toml-lang/toml-test)', () => {
  const suite = JSON.parse(readFileSync(new URL('./fixtures/toml-test-1.0.0.json', import.meta.url), 'utf8')) as {
    files: Record<string, string>;
  };
  const entries = Object.entries(suite.files);

  it('never accepts an invalid document smol-toml rejects, never differs on a valid one', () => {
    expect(entries.length).toBeGreaterThan(700);
    let accepted = 0;
    for (const [file, text] of entries) {
      const outcome = compare(text);
      if (outcome.declined) continue;
      accepted++;
      expect(outcome.difference, file).toBeUndefined();
    }
    // The suite is mostly about what manifests never use (dates, floats, odd keys), yet a good share of
    // the valid documents must be read, or the reader has stopped reading its subset.
    expect(accepted).toBeGreaterThan(120);
  });
});

describe('readTomlSubset: cases the TOML 1.0 spec singles out', () => {
  // Each text is accepted with smol-toml's value (`read`) or declined (`decline`).
  const read = [
    '[x.y.z.w]\n[x]\na = 1\n', // "Table": a super-table after its sub-table
    '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple2]\n', // dotted keys in a section
    '[[bin]]\nname = "a"\n[[bin]]\nname = "b"\n[[bench]]\nname = "c"\n', // arrays of tables
    '[[a.b]]\n[a]\nc = 1\n', // an array header's prefix may be defined later
    'a = """\nfirst\n"quoted" ""twice""\n"""\n', // multi-line basic: first newline trimmed, one or two quotes are content
    "a = '''\n\\no escape''' \nb = 'C:\\path'\n", // literal strings keep backslashes
    'a = "tab\\t quote\\" back\\\\ nl\\n"\n',
    'a = [\n  "x", # comment\n  [1, 2],\n  { b = true },\n]\n', // arrays over lines, trailing comma
    'clippy.pedantic = { level = "allow", priority = -1 }\nb = +7\nc = 0\n',
    '"quoted.key" = 1\n\'literal\' = 2\n[target.\'cfg(all(unix, not(target_os = "x")))\'.dependencies]\nlibc = "0.2"\n',
    'a = {}\nb = { c = { d = [] } }\n',
    '# only a comment',
    '',
    'version.workspace = true\nedition.workspace = true\n',
    '[ spaced . "header" ]\nkey = "v"   # after\n',
    'a = "é ✓ 𝄞"\n',
    // Lines the line rule reads inside values: it must see them as it would in one pass over the text.
    '[dependencies]\nfoo.version = "1"\nfoo.features = [\n  "x",\n  [1],\n  "y\\".z",\n]\nbar = "2"\n',
    '[dependencies]\na = """\n[dependencies.b]\nc = 1\n"""\nd = "1"\n',
    "[package]\ndescription = '''\n  [dependencies]\n  x = 1\n'''\n[dependencies] # see [docs]\ne = \"1\"\n",
    '[dependencies]\n\r\nf = { version = "1", features = [\n\r\n  "a", # c\n] }\n',
  ];
  const decline = [
    'a = 1.5\n',
    'a = 1979-05-27\n',
    'a = 07:32:00\n',
    'a = 1_000\n',
    'a = 0x10\n',
    'a = -0\n',
    'a = inf\n',
    'a = "\\u00e9"\n',
    'a = """\nline \\\n  continued"""\n',
    'a = """x""""\n',
    'a = { b = 1, }\n', // a trailing comma in an inline table is TOML 1.1, not 1.0
    'a = { b.c = 1 }\n',
    'a = {\n b = 1 }\n',
    '[a]\nb.c = 1\n[a.b.d]\n', // valid, but enters a dotted-key table from a header
    '[[a]]\n[a.b]\n', // valid, but enters an array of tables
    '__proto__ = 1\n',
    '"" = 1\n',
    '\uFEFFa = 1\n',
    'a = 1\r\n\rb = 2\n',
    'a = 1234567890123456\n', // beyond 15 digits: left to smol-toml's safe-integer check
    // Errors: every one is declined, so smol-toml words it.
    'a = 1\na = 2\n',
    '[a]\n[a]\n',
    '[a]\nb = 1\n[a.b]\n',
    'a = 1\n[a]\n',
    'a = {}\n[a]\n',
    'a = []\n[[a]]\n',
    '[[a]]\n[a]\n',
    '[a.b]\n[a]\nb.c = 1\n',
    'a.b = 1\na = 2\n',
    'a.b = 1\n[a]\n',
    'a = 1 b = 2\n',
    '[a] b = 1\n',
    '[[a] ]\n',
    'a = "unterminated\n',
    "a = 'x\ny'\n",
    'a = [1 2]\n',
    'a = [,]\n',
    'a = truex\n',
    'a =\n',
    'a = 01\n',
    'a = "\u0001"\n',
    '# bad \u007f comment\n',
  ];

  it.each(read)('reads %j like smol-toml', (text) => {
    expect(compare(text)).toEqual({ declined: false });
  });

  it.each(decline)('declines %j', (text) => {
    expect(compare(text)).toEqual({ declined: true });
  });
});

describe('readTomlSubset under random edits of real manifests', () => {
  // Characters that change what TOML means: quotes, brackets, separators, escapes, line ends.
  const significant = fc.constantFrom(...'"\'[]{}=.,#\\\n\r\t -+_01.9:eEtfx'.split(''), '"""', "'''", '[[', ']]', '\r\n');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(significant, fc.string({ maxLength: 3 })) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('move-line' as const), at: fc.nat(), to: fc.nat() }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

  function apply(text: string, change: Edit): string {
    if (change.kind === 'insert') {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    if (change.kind === 'delete') {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + change.length);
    }
    const lines = text.split('\n');
    const from = change.at % lines.length;
    if (change.kind === 'duplicate-line') lines.splice(from, 0, lines[from] as string);
    else lines.splice(change.to % lines.length, 0, ...lines.splice(from, 1));
    return lines.join('\n');
  }

  // Small and middle-sized manifests: edits land on something meaningful more often.
  const seeds = manifests.filter(({ text }) => text.length < 4000);

  it("either declines or returns smol-toml's value, never a different value", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (index, edits) => {
        const text = edits.reduce(apply, (seeds[index] as { text: string }).text);
        const outcome = compare(text);
        if (!outcome.declined) accepted++;
        expect(outcome.declined || outcome.difference === undefined, outcome.declined ? '' : outcome.difference).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // Many edits leave a manifest valid (a comment, a moved line): the property must see the reader accept.
    expect(accepted).toBeGreaterThan(300);
  });
});
