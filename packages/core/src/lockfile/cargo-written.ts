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

/**
 * What a TOML basic string's text may not hold to be its own value: a quote, an escape or a control
 * character. A string without any of them reads as written.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NOT_PLAIN = /["\\\u0000-\u001f\u007f]/;
/** The string keys of a package table as Cargo writes them. */
const STRING_KEYS = ['name', 'version', 'source', 'checksum', 'replace'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const METADATA_ENTRY = /^"([^"\\\u0000-\u001f\u007f]*)" = "([^"\\\u0000-\u001f\u007f]*)"$/;
/** The integers Cargo writes for `version = N`: no sign, no leading zero, no underscore. */
const FORMAT_VERSION = /^version = (0|[1-9][0-9]{0,8})$/;
/** A comment line: TOML allows any character in it but control characters other than tab. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const COMMENT = /^[ \t]*#[^\u0000-\u0008\u000a-\u001f\u007f]*$/;
const BLANK = /^[ \t]*$/;

/**
 * The value of `text[from, to)` when that is `"<plain string>"<suffix>`, else undefined. The reader
 * works on positions in the text rather than on a string per line and a regular expression's match:
 * it runs for every line of the file, in a process that has just started, where those allocations
 * cost more than the reading itself (and each one is copied again by the young-generation collector).
 */
function plainStringAt(text: string, from: number, to: number, suffix: string): string | undefined {
  const close = to - suffix.length - 1;
  if (close < from + 1 || text.charCodeAt(from) !== 34 /* " */ || text.charCodeAt(close) !== 34) return undefined;
  if (suffix !== '' && !text.startsWith(suffix, close + 1)) return undefined;
  const value = text.slice(from + 1, close);
  return NOT_PLAIN.test(value) ? undefined : value;
}

/** The key at `text[from, to)` when it is one a package table holds as a string. */
function stringKeyAt(text: string, from: number, to: number): string | undefined {
  for (let index = 0; index < STRING_KEYS.length; index++) {
    const key = STRING_KEYS[index] as string;
    if (isExactly(text, from, to, key)) return key;
  }
  return undefined;
}

/** Whether `text[from, to)` is exactly `expected`. */
const isExactly = (text: string, from: number, to: number, expected: string): boolean =>
  to - from === expected.length && text.startsWith(expected, from);

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
    const from = start;
    const to = crlf ? end - 1 : end;
    start = end + 1;
    lineNumber++;
    const first = to > from ? text.charCodeAt(from) : -1;

    if (dependencies !== undefined) {
      if (to - from === 1 && first === 93 /* ] */) {
        dependencies = undefined;
        continue;
      }
      // ` "name version (source)",`
      const dependency = first === 32 ? plainStringAt(text, from + 1, to, ',') : undefined;
      if (dependency === undefined) return undefined;
      dependencies.push(dependency);
      continue;
    }
    // Only a line that starts with a blank or `#` (or is empty) can be blank or a comment; any other
    // line that starts so is nothing Cargo writes.
    if (first === -1 || first === 32 || first === 9 || first === 35) {
      const line = text.slice(from, to);
      if (BLANK.test(line) || COMMENT.test(line)) continue;
      return undefined;
    }
    if (first === 91 /* [ */) {
      if (current && !isComplete(current)) return undefined;
      if (isExactly(text, from, to, '[[package]]')) {
        table = 'package';
        current = {};
        packages.push(current as RawPackage);
        packageLines.push(lineNumber);
      } else if (isExactly(text, from, to, '[[patch.unused]]')) {
        table = 'patch';
        current = {};
        unused.push(current as RawPackage);
        patchLines.push(lineNumber);
      } else if (isExactly(text, from, to, '[metadata]') && metadata === undefined) {
        table = 'metadata';
        current = undefined;
        metadata = {};
      } else {
        return undefined;
      }
      continue;
    }
    if (table === 'top') {
      const version = FORMAT_VERSION.exec(text.slice(from, to));
      if (!version || formatVersion !== undefined) return undefined;
      formatVersion = Number(version[1]);
      versionLine = lineNumber;
    } else if (table === 'metadata') {
      const entry = METADATA_ENTRY.exec(text.slice(from, to));
      // `__proto__` would set the object's prototype instead of a key: left to the slow path.
      if (!entry || entry[1] === '__proto__' || Object.hasOwn(metadata as object, entry[1] as string)) return undefined;
      (metadata as Record<string, string>)[entry[1] as string] = entry[2] as string;
    } else if (isExactly(text, from, to, 'dependencies = [')) {
      if (!current || Object.hasOwn(current, 'dependencies')) return undefined;
      dependencies = [];
      current.dependencies = dependencies;
    } else {
      // `key = "value"`
      const equals = text.indexOf(' = ', from);
      const key = equals > from && equals < to ? stringKeyAt(text, from, equals) : undefined;
      const value = key === undefined ? undefined : plainStringAt(text, equals + 3, to, '');
      if (key === undefined || value === undefined || !current) return undefined;
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
