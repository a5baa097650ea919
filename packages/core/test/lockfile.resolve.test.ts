import { describe, expect, it } from 'vitest';
import { LockfileError, parseLockfile, parseSource } from '../src/index.js';

/*
 * Each rule is written from the line of Cargo that it follows, at rust-lang/cargo@af373f76
 * (src/resolver/encode.rs was src/cargo/core/resolver/encode.rs; src/workspace/source_id.rs was
 * src/cargo/core/source_id.rs).
 */

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

interface Entry {
  name: string;
  version: string;
  source?: string;
  dependencies?: string[];
}

function lockfileText(entries: Entry[], version = 4): string {
  const blocks = entries.map((entry) =>
    [
      '[[package]]',
      `name = "${entry.name}"`,
      `version = "${entry.version}"`,
      ...(entry.source ? [`source = "${entry.source}"`] : []),
      ...(entry.dependencies ? ['dependencies = [', ...entry.dependencies.map((dependency) => ` "${dependency}",`), ']'] : []),
    ].join('\n'),
  );
  return `version = ${version}\n\n${blocks.join('\n\n')}\n`;
}

/** The dependencies of the first package, as parsed, and the warnings. */
function resolve(entries: Entry[]) {
  const lockfile = parseLockfile(lockfileText(entries), { fileName: 'Cargo.lock' });
  return { dependencies: lockfile.packages[0]?.dependencies, warnings: lockfile.warnings };
}

describe('source identity (source_id.rs, canonical_url.rs)', () => {
  it('ignores the #commit of a git source: SourceId::from_url moves it to `precise` (source_id.rs:162-165), and Ord ignores it (source_id.rs:597-608)', () => {
    expect(parseSource('git+https://github.com/a/b?rev=1#aaa').identity).toBe(parseSource('git+https://github.com/a/b?rev=1#bbb').identity);
  });

  it('keeps the git reference: it is part of SourceKind::Git (source_id.rs:608 compares the kind first)', () => {
    const identities = ['', '?branch=x', '?tag=x', '?rev=x'].map((query) => parseSource(`git+https://example.test/a${query}`).identity);
    expect(new Set(identities).size).toBe(4);
  });

  it('reads ?ref= as ?branch= (source_kind.rs:107-108, GitReference::from_query)', () => {
    expect(parseSource('git+https://example.test/a?ref=main').identity).toBe(
      parseSource('git+https://example.test/a?branch=main').identity,
    );
  });

  it('canonicalizes: trailing / stripped, github.com lowercased, .git dropped (canonical_url.rs:31-60)', () => {
    const canonical = parseSource('git+https://github.com/tokio-rs/tokio?branch=x').identity;
    expect(parseSource('git+https://github.com/Tokio-RS/Tokio.git/?branch=x#abc').identity).toBe(canonical);
    expect(parseSource('git+http://github.com/tokio-rs/tokio?branch=x').identity).toBe(canonical);
    // Off github.com the case of the path matters, as it does to Cargo.
    expect(parseSource('git+https://example.test/A.git').identity).not.toBe(parseSource('git+https://example.test/a').identity);
    expect(parseSource('git+https://example.test/A.git').identity).toBe(parseSource('git+https://example.test/A').identity);
  });

  it('compares a sparse URL with its sparse+ prefix, so only the trailing / goes (source_id.rs:171-174, canonical_url.rs:38)', () => {
    expect(parseSource('sparse+https://index.example.test/A.git/').identity).toBe('sparse sparse+https://index.example.test/A.git');
    expect(parseSource('sparse+https://index.crates.io/').identity).not.toBe(parseSource(CRATES_IO).identity);
  });
});

describe('lookup_id (encode.rs:232-289)', () => {
  const fork = 'git+https://github.com/me/tokio?branch=fix#0123abcd';
  const packages: Entry[] = [
    { name: 'tokio', version: '1.0.0', source: CRATES_IO },
    { name: 'tokio', version: '1.0.0', source: fork },
  ];

  it('matches a git dependency string written without the #commit (encode.rs:260-262)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['tokio 1.0.0 (git+https://github.com/me/tokio?branch=fix)'] },
      ...packages,
    ]);
    expect(result.dependencies).toEqual([`tokio 1.0.0 (${fork})`]);
  });

  it('matches a git string written with another URL spelling of the same repository (encode.rs:261, SourceId equality)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['tokio 1.0.0 (git+https://github.com/Me/Tokio.git?branch=fix)'] },
      ...packages,
    ]);
    expect(result.dependencies).toEqual([`tokio 1.0.0 (${fork})`]);
  });

  it('source-less, several of that name and version: the single path package (encode.rs:267-276)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['tokio 1.0.0'] },
      ...packages,
      { name: 'tokio', version: '1.0.0' },
    ]);
    expect(result.dependencies).toEqual(['tokio 1.0.0']);
    expect(result.warnings).toEqual([]);
  });

  it('source-less, no path package: the single candidate (encode.rs:278-281)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['serde 1.0.0'] },
      { name: 'serde', version: '1.0.0', source: CRATES_IO },
    ]);
    expect(result.dependencies).toEqual([`serde 1.0.0 (${CRATES_IO})`]);
  });

  it('source-less, several candidates and no path package: ambiguous, dropped with a warning (encode.rs:283-287)', () => {
    const result = resolve([{ name: 'app', version: '0.1.0', dependencies: ['tokio 1.0.0'] }, ...packages]);
    expect(result.dependencies).toEqual([]);
    expect(result.warnings).toEqual([
      {
        code: 'ambiguous-dependency',
        fileName: 'Cargo.lock',
        line: 7,
        dependency: 'tokio 1.0.0',
        dependent: 'app 0.1.0',
        reason: `2 packages match ("tokio 1.0.0 (${CRATES_IO})", "tokio 1.0.0 (${fork})") and the string has no source to choose one`,
        message: `Cargo.lock:7: dependency "tokio 1.0.0" of package "app 0.1.0" was left out, as Cargo leaves it out: 2 packages match ("tokio 1.0.0 (${CRATES_IO})", "tokio 1.0.0 (${fork})") and the string has no source to choose one`,
      },
    ]);
  });

  it('source-less, two path packages of that name and version: ambiguous (encode.rs:269-271)', () => {
    // Two path packages differ only by their path, which a lockfile does not write: a duplicate to us.
    expect(() =>
      resolve([
        { name: 'app', version: '0.1.0', dependencies: ['a 1.0.0'] },
        { name: 'a', version: '1.0.0' },
        { name: 'a', version: '1.0.0' },
      ]),
    ).toThrow(/package "a 1\.0\.0" appears twice: at line 10 and at line 14/);
  });

  it('version-less (v2+): the only package of that name (encode.rs:245-249)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['serde'] },
      { name: 'serde', version: '1.0.0', source: CRATES_IO },
    ]);
    expect(result.dependencies).toEqual([`serde 1.0.0 (${CRATES_IO})`]);
  });

  it('version-less, two versions of the name: ambiguous, dropped with a warning (encode.rs:250-251)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['tokio'] },
      { name: 'tokio', version: '0.2.25', source: CRATES_IO },
      { name: 'tokio', version: '1.1.1', source: CRATES_IO },
    ]);
    expect(result.dependencies).toEqual([]);
    expect(result.warnings.map((warning) => [warning.code, warning.line, warning.reason])).toEqual([
      ['ambiguous-dependency', 7, '2 versions of "tokio" are in the lockfile (0.2.25, 1.1.1) and the string names none'],
    ]);
  });

  it('version-less, one version from two sources: the path package rule still applies (encode.rs:247-248 then 267)', () => {
    const result = resolve([{ name: 'app', version: '0.1.0', dependencies: ['tokio'] }, ...packages, { name: 'tokio', version: '1.0.0' }]);
    expect(result.dependencies).toEqual(['tokio 1.0.0']);
  });

  it('an unknown name, version or source is dropped with a warning at its line (encode.rs:235, 244, 260-262; 304 skips the edge)', () => {
    const result = resolve([
      { name: 'app', version: '0.1.0', dependencies: ['nothing', 'serde 2.0.0', 'serde 1.0.0 (sparse+https://index.crates.io/)', 'serde'] },
      { name: 'serde', version: '1.0.0', source: CRATES_IO },
    ]);
    expect(result.dependencies).toEqual([`serde 1.0.0 (${CRATES_IO})`]);
    expect(result.warnings.map((warning) => [warning.code, warning.line, warning.dependency, warning.reason])).toEqual([
      ['unknown-dependency', 7, 'nothing', 'no package is named "nothing"'],
      ['unknown-dependency', 8, 'serde 2.0.0', 'no package "serde" has version 2.0.0 (the lockfile has 1.0.0)'],
      [
        'unknown-dependency',
        9,
        'serde 1.0.0 (sparse+https://index.crates.io/)',
        `no package "serde" 1.0.0 comes from that source (the lockfile has it from "${CRATES_IO}")`,
      ],
    ]);
  });

  it('refuses a string whose third part is not in parentheses, as TomlLockfilePackageId::from_str does (lockfile.rs:241-247)', () => {
    expect(() => resolve([{ name: 'app', version: '0.1.0', dependencies: ['a 1.0 registry'] }])).toThrow(LockfileError);
  });
});

describe('what is refused', () => {
  it('two [[package]] entries of one identity: an error naming both lines (encode.rs:186-187)', () => {
    const error = (() => {
      try {
        parseLockfile(
          lockfileText([
            { name: 'tokio', version: '1.0.0', source: 'git+https://github.com/me/tokio#aaa' },
            { name: 'tokio', version: '1.0.0', source: 'git+https://github.com/me/tokio.git#bbb' },
          ]),
          { fileName: 'Cargo.lock' },
        );
      } catch (caught) {
        return caught as LockfileError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.code).toBe('duplicate-package');
    expect(error.location.line).toBe(8);
    expect(error.message).toBe(
      'Cargo.lock:8: packages "tokio 1.0.0 (git+https://github.com/me/tokio#aaa)" and "tokio 1.0.0 (git+https://github.com/me/tokio.git#bbb)" are the same package to Cargo (same name, version and source, whatever the #commit): at line 3 and at line 8; Cargo cannot load such a lockfile either',
    );
  });

  const refusals: [string, string, RegExp][] = [
    ['an empty file', '', /^Cargo\.lock: the file is empty; expected a Cargo\.lock, which lists packages in \[\[package\]\] tables$/],
    ['whitespace only', '\n  \n', /the file is empty/],
    [
      'TOML with other keys',
      'hello = 1\n',
      /^Cargo\.lock: the file is TOML but not a Cargo\.lock: it has no \[\[package\]\] table \(its top-level keys: hello\)/,
    ],
    ['only a version key', 'version = 4\n', /it has no \[\[package\]\] table \(its top-level keys: version\)/],
    [
      'a Cargo.toml',
      '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = "1"\n',
      /^Cargo\.lock:1: this is a Cargo\.toml manifest \(it has a \[package\] table\), not a Cargo\.lock; give the Cargo\.lock that Cargo writes next to it$/,
    ],
    [
      'a virtual workspace Cargo.toml',
      '[workspace]\nmembers = ["a"]\n',
      /^Cargo\.lock:1: this is a Cargo\.toml manifest \(it has a \[workspace\] table\)/,
    ],
  ];
  for (const [what, text, message] of refusals) {
    it(`refuses ${what}, saying what it is and what was expected`, () => {
      let error: unknown;
      try {
        parseLockfile(text, { fileName: 'Cargo.lock' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).code).toBe('not-a-lockfile');
      expect((error as LockfileError).message).toMatch(message);
    });
  }
});
