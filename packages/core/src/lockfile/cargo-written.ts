import type { TableLines } from './lines.js';
import type { RawLockfile, RawPackage } from './shape.js';

/*
 * The fast path of `parseLockfile`: a Cargo.lock exactly as Cargo writes it, read line by line.
 *
 * Cargo serialises the lockfile with a fixed layout (cargo/src/cargo/ops/lockfile.rs, `resolve_to_string_orig`
 * and `emit_package`): `version = N` at the top, then one `[[package]]` table per package with
 * `name`, `version`, `source`, `checksum` and `replace` as `key = "value"` lines and `dependencies`
 * as a multi-line array with one `"dependency",` per line, then `[metadata]` (format v1) and
 * `[[patch.unused]]`. Reading that layout directly costs a fraction of a general TOML parse followed
 * by a zod check in a fresh process (see the core README's benchmark), and every value it accepts
 * already has the type the shape schema asks for.
 *
 * Anything else, however valid as TOML (escapes, inline arrays, comments after values, unknown keys,
 * a key written twice, an empty name), returns `undefined`: the caller then runs smol-toml and the zod
 * schema, which accept or refuse it with the exact message. So this never accepts what the slow path
 * refuses and never refuses anything: a test checks both paths give equal results on every fixture.
 */

/** A TOML basic string without escapes or control characters: its text is its value. */
const PLAIN_STRING = '"([^"\\\\\\u0000-\\u001f\\u007f]*)"';
const STRING_KEY = new RegExp(`^(name|version|source|checksum|replace) = ${PLAIN_STRING}$`);
const DEPENDENCY = new RegExp(`^ ${PLAIN_STRING},$`);
const METADATA_ENTRY = new RegExp(`^${PLAIN_STRING} = ${PLAIN_STRING}$`);
/** The integers Cargo writes for `version = N`: no sign, no leading zero, no underscore. */
const FORMAT_VERSION = /^version = (0|[1-9][0-9]{0,8})$/;
/** A comment line: TOML allows any character in it but control characters other than tab. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const COMMENT = /^[ \t]*#[^\u0000-\u0008\u000a-\u001f\u007f]*$/;
const BLANK = /^[ \t]*$/;

type Table = 'top' | 'package' | 'patch' | 'metadata';

/** A lockfile read on the fast path: its tables, and the lines they start on (what `findTableLines` finds). */
export interface CargoWrittenLockfile {
  readonly lockfile: RawLockfile;
  readonly lines: TableLines;
}

/**
 * Reads `text` when it is laid out as Cargo writes lockfiles; `undefined` when it is not, and the
 * general TOML parser and the zod shape schema must decide. The lines of the tables are counted on
 * the way, so the caller needs no second scan of the text for them.
 */
export function readCargoWrittenLockfile(text: string): CargoWrittenLockfile | undefined {
  const packages: RawPackage[] = [];
  const unused: RawPackage[] = [];
  const packageLines: number[] = [];
  const patchLines: number[] = [];
  let versionLine: number | undefined;
  let lineNumber = 0;
  let metadata: Record<string, string> | undefined;
  let formatVersion: number | undefined;
  let table: Table = 'top';
  let current: Record<string, unknown> | undefined;
  let dependencies: string[] | undefined;

  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // A CRLF line ending (a checkout with autocrlf) is a TOML newline too; a lone CR is not.
    const crlf = end < text.length && end > start && text.charCodeAt(end - 1) === 13;
    const line = text.slice(start, crlf ? end - 1 : end);
    start = end + 1;
    lineNumber++;

    if (dependencies !== undefined) {
      if (line === ']') {
        dependencies = undefined;
        continue;
      }
      const dependency = DEPENDENCY.exec(line);
      if (!dependency) return undefined;
      dependencies.push(dependency[1] as string);
      continue;
    }
    if (BLANK.test(line) || COMMENT.test(line)) continue;
    if (line.charCodeAt(0) === 91 /* [ */) {
      if (current && !isComplete(current)) return undefined;
      if (line === '[[package]]') {
        table = 'package';
        current = {};
        packages.push(current as RawPackage);
        packageLines.push(lineNumber);
      } else if (line === '[[patch.unused]]') {
        table = 'patch';
        current = {};
        unused.push(current as RawPackage);
        patchLines.push(lineNumber);
      } else if (line === '[metadata]' && metadata === undefined) {
        table = 'metadata';
        current = undefined;
        metadata = {};
      } else {
        return undefined;
      }
      continue;
    }
    if (table === 'top') {
      const version = FORMAT_VERSION.exec(line);
      if (!version || formatVersion !== undefined) return undefined;
      formatVersion = Number(version[1]);
      versionLine = lineNumber;
    } else if (table === 'metadata') {
      const entry = METADATA_ENTRY.exec(line);
      // `__proto__` would set the object's prototype instead of a key: left to the slow path.
      if (!entry || entry[1] === '__proto__' || Object.hasOwn(metadata as object, entry[1] as string)) return undefined;
      (metadata as Record<string, string>)[entry[1] as string] = entry[2] as string;
    } else if (line === 'dependencies = [') {
      if (!current || Object.hasOwn(current, 'dependencies')) return undefined;
      dependencies = [];
      current.dependencies = dependencies;
    } else {
      const entry = STRING_KEY.exec(line);
      if (!entry || !current) return undefined;
      const key = entry[1] as string;
      const value = entry[2] as string;
      // A key twice is a TOML error; an empty name, version or source is a shape error: the slow path words both.
      if (Object.hasOwn(current, key) || (value === '' && key !== 'checksum' && key !== 'replace')) return undefined;
      current[key] = value;
    }
  }
  if (dependencies !== undefined || (current && !isComplete(current))) return undefined;

  return {
    lockfile: {
      ...(formatVersion !== undefined ? { version: formatVersion } : {}),
      ...(packages.length > 0 ? { package: packages } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      ...(unused.length > 0 ? { patch: { unused } } : {}),
    },
    lines: { packages: packageLines, patchUnused: patchLines, ...(versionLine !== undefined ? { version: versionLine } : {}) },
  };
}

/** The keys the shape schema requires of a package table. */
function isComplete(entry: Record<string, unknown>): boolean {
  return typeof entry.name === 'string' && typeof entry.version === 'string';
}
