import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { readCargoWrittenLockfile } from '../src/lockfile/cargo-written.js';
import { findTableLines } from '../src/lockfile/lines.js';
import { rawLockfileSchema } from '../src/lockfile/shape.js';
import { lockfilesUnder } from './support/fixtures.js';
import { lockfileCases } from './support/fuzz.js';
import { generateModel, serializeLockfile } from './support/synthetic.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** What the general path makes of a text: smol-toml, then the zod schema; undefined when either refuses it. */
function slowPath(text: string): unknown {
  let document: unknown;
  try {
    document = parseToml(text);
  } catch {
    return undefined;
  }
  const result = rawLockfileSchema().safeParse(document);
  return result.success ? result.data : undefined;
}

const REAL = lockfilesUnder(FIXTURES);

describe('readCargoWrittenLockfile (the fast path of parseLockfile)', () => {
  it('finds the real lockfiles', () => expect(REAL.length).toBeGreaterThan(60));

  it.each(REAL.map((path) => [path.slice(FIXTURES.length), path]))('reads %s exactly as smol-toml + zod do', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const fast = readCargoWrittenLockfile(text);
    // Every real lockfile is in Cargo's layout: the fast path must take it, or it is no fast path.
    expect(fast).toBeDefined();
    expect(fast?.lockfile).toStrictEqual(slowPath(text));
    // The table lines it counted on the way are the ones the general path's scan finds.
    expect(fast?.lines).toStrictEqual(findTableLines(text));
    // The same file checked out with CRLF line endings.
    expect(readCargoWrittenLockfile(text.replaceAll('\n', '\r\n'))).toStrictEqual(fast);
  });

  it.each([1, 2, 3, 4] as const)('reads synthetic format v%i lockfiles as the slow path does', (format) => {
    const text = serializeLockfile(generateModel(300, format), format);
    const fast = readCargoWrittenLockfile(text);
    expect(fast).toBeDefined();
    expect(fast?.lockfile).toStrictEqual(slowPath(text));
    expect(fast?.lines).toStrictEqual(findTableLines(text));
  });

  it('never accepts what the slow path refuses, nor reads anything differently (4,000 mutated lockfiles)', () => {
    const seeds = REAL.slice(0, 12).map((path) => readFileSync(path, 'utf8'));
    let taken = 0;
    for (const { text } of lockfileCases(16, 4_000, seeds)) {
      const fast = readCargoWrittenLockfile(text);
      if (fast === undefined) continue;
      taken++;
      expect(fast.lockfile, text.slice(0, 400)).toStrictEqual(slowPath(text));
      expect(fast.lines, text.slice(0, 400)).toStrictEqual(findTableLines(text));
    }
    // Unmutated and mildly mutated cases stay on the fast path, so the comparison above is not empty.
    expect(taken).toBeGreaterThan(100);
  });

  it.each([
    ['an escape in a string', 'version = 3\n\n[[package]]\nname = "a\\u0062"\nversion = "1.0.0"\n'],
    ['an inline dependency array', 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["b"]\n'],
    ['a key written twice', 'version = 3\n\n[[package]]\nname = "a"\nname = "b"\nversion = "1.0.0"\n'],
    ['an empty name', 'version = 3\n\n[[package]]\nname = ""\nversion = "1.0.0"\n'],
    ['a missing version', 'version = 3\n\n[[package]]\nname = "a"\n'],
    ['an unknown key', 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nfeatures = "x"\n'],
    ['a version as a number', 'version = 3\n\n[[package]]\nname = "a"\nversion = 1\n'],
    ['an unclosed dependency array', 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = [\n "b",\n'],
    ['a lone carriage return', 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\r'],
    ['a [root] table (format v1, rare)', '[root]\nname = "a"\nversion = "1.0.0"\n'],
    ['a __proto__ metadata key', '[metadata]\n"__proto__" = "x"\n'],
    ['a format version with a leading zero', 'version = 03\n'],
  ])('leaves %s to the slow path', (_, text) => {
    expect(readCargoWrittenLockfile(text)).toBeUndefined();
  });
});
