import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdvisoryDataError } from '../src/advisories/errors.js';
import { parseAdvisoryFile } from '../src/advisories/parse.js';
import { intervalContains, parseRequirement } from '../src/advisories/ranges.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** CI checks the shared folder out beside the clone; the snapshot is 1,205 files, too many to copy into fixtures. */
const snapshot = resolve(repoRoot, '../shared/advisory-db');
const committed = fileURLToPath(new URL('../src/knowledge/advisories.generated.ts', import.meta.url));

describe('generated advisory module', () => {
  const present = existsSync(snapshot);
  const title = present ? 'is what the generator writes from ../shared/advisory-db' : `cannot be compared: ${snapshot} is absent`;
  it.skipIf(!present)(title, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rg-advisories-')), 'advisories.generated.ts');
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'packages/core/scripts/update-advisories.ts'), '--from', snapshot, '--out', out],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
  });

  it('fails on a bad advisory naming the file and the key', () => {
    const text =
      '```toml\n[advisory]\nid = "RUSTSEC-2099-0001"\npackage = "x"\ndate = "2099-01-01"\n\n[versions]\npatched = ["> = 1"]\n```\n\n# t\n';
    expect(() => parseAdvisoryFile({ path: 'crates/x/RUSTSEC-2099-0001.md', text })).toThrow(AdvisoryDataError);
    expect(() => parseAdvisoryFile({ path: 'crates/x/RUSTSEC-2099-0001.md', text })).toThrow(
      /^crates\/x\/RUSTSEC-2099-0001\.md: versions\.patched\.0: "> = 1" is not a version comparator/,
    );
    expect(() => parseAdvisoryFile({ path: 'crates/x/RUSTSEC-2099-0001.md', text: '# no front matter' })).toThrow(
      'crates/x/RUSTSEC-2099-0001.md: has no ```toml front matter',
    );
    const noDate = text.replace('date = "2099-01-01"\n', '').replace('> = 1', '>= 1');
    expect(() => parseAdvisoryFile({ path: 'crates/x/RUSTSEC-2099-0001.md', text: noDate })).toThrow(
      /^crates\/x\/RUSTSEC-2099-0001\.md: advisory\.date: /,
    );
  });

  it('reads kind, title, os and the alternatives the text names', () => {
    const text = [
      '```toml',
      '[advisory]',
      'id = "RUSTSEC-2099-0002"',
      'package = "old-crate"',
      'date = "2099-01-02"',
      'informational = "unmaintained"',
      '',
      '[affected]',
      'os = ["windows"]',
      '',
      '[versions]',
      'patched = []',
      '```',
      '',
      '# old-crate is unmaintained',
      '',
      'See [old-crate](https://crates.io/crates/old-crate).',
      '',
      '## Possible alternatives',
      '- [new-crate](https://crates.io/crates/new-crate)',
      '- [other](https://lib.rs/crates/other)',
    ].join('\n');
    expect(parseAdvisoryFile({ path: 'crates/old-crate/RUSTSEC-2099-0002.md', text })).toMatchObject({
      id: 'RUSTSEC-2099-0002',
      kind: 'unmaintained',
      title: 'old-crate is unmaintained',
      os: ['windows'],
      alternatives: ['new-crate', 'other'],
    });
  });
});

describe('RustSec version requirements', () => {
  const inside = (requirement: string, version: string) => intervalContains(parseRequirement(requirement), version);

  it('reads bounds as RustSec does: a short bound is the .0 version, prereleases by precedence', () => {
    expect(inside('>= 1.2.3, < 1.3', '1.2.9')).toBe(true);
    expect(inside('>= 1.2.3, < 1.3', '1.3.0')).toBe(false);
    // `< 1.3` ends at 1.3.0 itself, so 1.3.0-alpha is still below it (unlike node-semver's `<1.3.0-0`).
    expect(inside('>= 1.2.3, < 1.3', '1.3.0-alpha.1')).toBe(true);
    expect(inside('>= 1.2.3', '1.2.3-rc.1')).toBe(false);
    expect(inside('>= 1.2.3', '2.0.0-alpha.1')).toBe(true);
    expect(inside('> 0.5', '0.5.1')).toBe(true);
    expect(inside('=1.0.1', '1.0.1')).toBe(true);
    expect(inside('=1.0.1', '1.0.2')).toBe(false);
    expect(inside('*', '0.0.1-pre')).toBe(true);
  });

  it('ends ^ and ~ below the next line, prereleases of the next line excluded', () => {
    expect(inside('^0.4', '0.4.9')).toBe(true);
    expect(inside('^0.4', '0.5.0-alpha.1')).toBe(false);
    expect(inside('^1.2.3', '1.9.0-beta')).toBe(true);
    expect(inside('^1.2.3', '2.0.0-alpha')).toBe(false);
    expect(inside('0.0.3', '0.0.3')).toBe(true);
    expect(inside('0.0.3', '0.0.4')).toBe(false);
    expect(inside('~1.2', '1.2.7')).toBe(true);
    expect(inside('~1.2', '1.3.0-0')).toBe(false);
    expect(inside('^ 0.2.1', '0.2.1')).toBe(true);
  });

  it('rejects what RustSec rejects', () => {
    expect(() => parseRequirement('>= 1, >= 2')).toThrow('two lower bounds');
    expect(() => parseRequirement('^1, < 2')).toThrow('must stand alone');
    expect(() => parseRequirement('1.*')).toThrow('not a version comparator');
  });
});
