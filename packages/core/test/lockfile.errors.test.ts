import { describe, expect, it } from 'vitest';
import { buildGraph, LockfileError, parseLockfile } from '../src/index.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

function errorOf(text: string, options = {}): LockfileError {
  try {
    parseLockfile(text, { fileName: 'Cargo.lock', ...options });
  } catch (error) {
    if (error instanceof LockfileError) return error;
    throw new Error(`expected a LockfileError, got ${String(error)}`);
  }
  throw new Error('expected parseLockfile to throw');
}

describe('LockfileError', () => {
  it('reports TOML syntax errors with line and column', () => {
    const error = errorOf('version = 3\n\n[[package]]\nname = "a\n');
    expect(error.code).toBe('toml-syntax');
    expect(error.location).toMatchObject({ fileName: 'Cargo.lock', line: 4 });
    expect(error.message).toMatch(/^Cargo\.lock:4:\d+: not valid TOML: /);
  });

  it('names the package and key of a wrong type', () => {
    const error = errorOf(`version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n\n[[package]]\nname = "b"\nversion = 2\n`);
    expect(error.code).toBe('invalid-shape');
    expect(error.message).toBe('Cargo.lock:7: package #2 "b": key `package[1].version`: expected string, got number');
    expect(error.location.key).toBe('package[1].version');
  });

  it('names a missing key', () => {
    const error = errorOf('version = 3\n\n[[package]]\nname = "a"\n');
    expect(error.message).toBe('Cargo.lock:3: package #1 "a": key `package[0].version`: expected string, got nothing (the key is missing)');
  });

  it('refuses a format it does not know, at the line of the version key', () => {
    const error = errorOf('# generated\nversion = 5\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n');
    expect(error.code).toBe('unsupported-version');
    expect(error.location.line).toBe(2);
    expect(error.message).toMatch(/^Cargo\.lock:2: lockfile format version 5 is not one runtime-guard knows/);
  });

  it('refuses a malformed dependency string', () => {
    const error = errorOf('version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["a 1.0 registry"]\n');
    expect(error.code).toBe('invalid-dependency');
    expect(error.message).toBe(
      'Cargo.lock:6: dependency "a 1.0 registry" of package "app 0.1.0" is not of the form "name", "name version" or "name version (source)"',
    );
  });

  it('refuses a package listed twice, naming both lines', () => {
    const block = `[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "${CRATES_IO}"\n`;
    const error = errorOf(`version = 3\n\n${block}\n${block}`);
    expect(error.code).toBe('duplicate-package');
    // rust-lang/cargo@af373f76 src/resolver/encode.rs:186-187: "package `a` is specified twice in the lockfile".
    expect(error.message).toBe(
      `Cargo.lock:8: package "a 1.0.0 (${CRATES_IO})" appears twice: at line 3 and at line 8; Cargo cannot load such a lockfile either`,
    );
  });

  it('refuses a source of an unknown kind', () => {
    const error = errorOf('version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "path+/home/me/a"\n');
    expect(error.code).toBe('invalid-source');
    expect(error.message).toBe(
      'Cargo.lock:3: source "path+/home/me/a" is not of a kind Cargo writes (expected "registry+…", "sparse+…" or "git+…")',
    );
  });

  it('refuses a badly percent-encoded git reference', () => {
    const error = errorOf(
      'version = 4\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "git+https://x.test/a?branch=%E0%A4%A#abc"\n',
    );
    expect(error.code).toBe('invalid-source');
    expect(error.message).toContain('badly percent-encoded query value "%E0%A4%A"');
  });

  it('refuses input over the size limit before parsing it', () => {
    const error = errorOf(`version = 3\n${'#'.repeat(2048)}\n`, { maxBytes: 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'Cargo.lock: the file is larger than the limit of 1.0 KiB (1,024 bytes); a Cargo.lock this large is not a real one',
    );
  });

  it('is thrown by buildGraph for a hand-made lockfile with a dangling edge', () => {
    const lockfile = {
      formatVersion: 3 as const,
      unusedPatches: [],
      warnings: [],
      packages: [{ id: 'a 1', name: 'a', version: '1', dependencies: ['b 1'], line: 3 }],
    };
    expect(() => buildGraph(lockfile)).toThrow(LockfileError);
  });
});
