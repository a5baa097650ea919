import { parse as parseToml, TomlError } from 'smol-toml';
import type { core } from 'zod/mini';
import { groupDigits } from '../numbers.js';
import { zodCheck } from '../zod-check.js';
import { readCargoWrittenLockfile } from './cargo-written.js';
import { formatKeyPath, formatLocation, LockfileError, type SourceLocation } from './errors.js';
import { findLineOf, findTableLines, lineFinder, type TableLines } from './lines.js';
import { refuseNonLockfile } from './not-a-lockfile.js';
import { DependencyResolver } from './resolve.js';
import { type RawLockfile, type RawPackage, rawLockfileSchema } from './shape.js';
import { parseSource, type Source } from './source.js';
import {
  type Lockfile,
  type LockfileFormat,
  type LockfileWarning,
  type Package,
  type PackageId,
  packageId,
  type UnusedPatch,
} from './types.js';

/** Options of {@link parseLockfile}. */
export interface ParseLockfileOptions {
  /** Used in error messages and kept on the result. */
  fileName?: string;
  /** Refuse inputs larger than this many UTF-8 bytes. Default 50 MiB. */
  maxBytes?: number;
}

/** The default input size limit of {@link parseLockfile}: 50 MiB. */
export const DEFAULT_MAX_LOCKFILE_BYTES = 50 * 1024 * 1024;

const SUPPORTED_FORMATS: readonly number[] = [3, 4];

/**
 * Parses the text of a Cargo.lock of any format Cargo has written (v1 to v4) into a validated
 * {@link Lockfile} whose dependency strings are resolved to package ids.
 *
 * @throws LockfileError with a readable message, the line and the key for every bad input.
 * @example
 * const lockfile = parseLockfile(readFileSync('Cargo.lock', 'utf8'), { fileName: 'Cargo.lock' });
 * console.log(lockfile.formatVersion, lockfile.packages.length);
 */
export function parseLockfile(text: string, options: ParseLockfileOptions = {}): Lockfile {
  const fileName = options.fileName;
  const at = (location: Omit<SourceLocation, 'fileName'>): SourceLocation =>
    fileName === undefined ? location : { fileName, ...location };
  checkSize(text, options.maxBytes ?? DEFAULT_MAX_LOCKFILE_BYTES, at);

  const { lockfile: raw, lines } = readLockfileTable(text, at);
  const formatVersion = detectFormat(raw, lines, at);
  const rawPackages = raw.root ? [raw.root, ...(raw.package ?? [])] : (raw.package ?? []);
  const headerLines = raw.root ? [lines.root ?? 0, ...lines.packages] : lines.packages;
  const lineOf = (index: number): number => (headerLines.length === rawPackages.length ? (headerLines[index] ?? 0) : 0);

  // Most packages share a handful of source strings (crates.io): parse each once, share the result.
  const sources = new Map<string, Source>();
  const readSource = (rawSource: string, location: SourceLocation): Source => {
    let source = sources.get(rawSource);
    if (!source) {
      source = parseSource(rawSource, location);
      sources.set(rawSource, source);
    }
    return source;
  };
  const parsed = rawPackages.map((rawPackage, index) => {
    const line = lineOf(index);
    // The location is built only for a source not seen yet: it is needed only to word an error.
    const source =
      rawPackage.source === undefined
        ? undefined
        : (sources.get(rawPackage.source) ?? readSource(rawPackage.source, at({ line, key: `package[${index}]` })));
    return {
      rawPackage,
      name: rawPackage.name,
      version: rawPackage.version,
      source,
      id: packageId(rawPackage.name, rawPackage.version, source),
      line,
    };
  });

  // Cargo refuses a package listed twice (rust-lang/cargo@af373f76 src/resolver/encode.rs:186-187); two
  // entries whose sources are the same SourceId (same canonical URL and git reference, another #commit)
  // would be one package to Cargo's graph, so they are refused too: no one can say which was meant.
  const identities = new Map<string, { id: PackageId; line: number }>();
  for (let index = 0; index < parsed.length; index++) {
    const entry = parsed[index] as (typeof parsed)[number];
    const identity = `${entry.name} ${entry.version} ${entry.source?.identity ?? 'path'}`;
    const earlier = identities.get(identity);
    if (earlier !== undefined) {
      const same =
        earlier.id === entry.id
          ? `package "${entry.id}" appears twice`
          : `packages "${earlier.id}" and "${entry.id}" are the same package to Cargo (same name, version and source, whatever the #commit)`;
      throw new LockfileError(
        'duplicate-package',
        `${same}: at line ${earlier.line || '?'} and at line ${entry.line || '?'}; Cargo cannot load such a lockfile either`,
        at({ ...(entry.line ? { line: entry.line } : {}), key: 'package' }),
      );
    }
    identities.set(identity, entry);
  }

  const resolver = new DependencyResolver(parsed, (rawSource) => readSource(rawSource, at({ key: rawSource })));
  const findLine = lineFinder(text);
  const lineOfString = (value: string, fromLine: number): number => findLine(`"${value}"`, fromLine || 1) ?? fromLine;
  const warnings: LockfileWarning[] = [];
  const packages: Package[] = parsed.map(({ rawPackage, source, id, line }) => {
    const dependencies: PackageId[] = [];
    const listed = rawPackage.dependencies ?? [];
    for (let index = 0; index < listed.length; index++) {
      const dependency = listed[index] as string;
      const resolution = resolver.resolve(dependency) ?? refuseDependency(dependency, id, lineOfString(dependency, line), at);
      if ('id' in resolution) {
        dependencies.push(resolution.id);
        continue;
      }
      const dependencyLine = lineOfString(dependency, line);
      const where = formatLocation(at({ ...(dependencyLine ? { line: dependencyLine } : {}) }));
      warnings.push({
        code: resolution.dropped,
        ...(fileName !== undefined ? { fileName } : {}),
        line: dependencyLine,
        dependency,
        dependent: id,
        reason: resolution.reason,
        message: `${where ? `${where}: ` : ''}dependency "${dependency}" of package "${id}" was left out, as Cargo leaves it out: ${resolution.reason}`,
      });
    }
    // Four literal shapes rather than spreads, which build two throw-away objects per package.
    const { name, version, checksum } = rawPackage;
    if (source)
      return checksum ? { id, name, version, source, checksum, dependencies, line } : { id, name, version, source, dependencies, line };
    return checksum ? { id, name, version, checksum, dependencies, line } : { id, name, version, dependencies, line };
  });
  if (formatVersion === 1) addMetadataChecksums(packages, raw.metadata, resolver, text, at);

  const unusedRaw = raw.patch?.unused ?? [];
  const unusedPatches: UnusedPatch[] = unusedRaw.map((rawPatch, index) => {
    const line = lines.patchUnused.length === unusedRaw.length ? (lines.patchUnused[index] ?? 0) : 0;
    const source: Source | undefined =
      rawPatch.source === undefined ? undefined : parseSource(rawPatch.source, at({ line, key: `patch.unused[${index}]` }));
    return { name: rawPatch.name, version: rawPatch.version, ...(source ? { source } : {}), line };
  });

  return { ...(fileName !== undefined ? { fileName } : {}), formatVersion, packages, unusedPatches, warnings };
}

/**
 * The lockfile's tables: a file laid out as Cargo writes it, with at least one package, is read
 * directly; anything else goes through smol-toml, the not-a-lockfile check and zod for exact errors.
 */
function readLockfileTable(text: string, at: Locate): { lockfile: RawLockfile; lines: TableLines } {
  const fast = readCargoWrittenLockfile(text);
  if (fast && (fast.lockfile.package?.length ?? 0) > 0) return fast;
  const document = readToml(text, at);
  refuseNonLockfile(text, document, at);
  return { lockfile: validateShape(document, text, at), lines: findTableLines(text) };
}

type Locate = (location: Omit<SourceLocation, 'fileName'>) => SourceLocation;

function checkSize(text: string, maxBytes: number, at: Locate): void {
  // A string's UTF-8 size is at most three bytes per UTF-16 unit: count only when it could matter.
  if (text.length * 3 <= maxBytes) return;
  if (utf8LengthExceeds(text, maxBytes)) {
    throw new LockfileError(
      'too-large',
      `the file is larger than the limit of ${formatSize(maxBytes)} (${groupDigits(maxBytes)} bytes); a Cargo.lock this large is not a real one`,
      at({}),
    );
  }
}

/** Whether the UTF-8 encoding of `text` is longer than `limit` bytes: counted in place, stopping at the limit. */
function utf8LengthExceeds(text: string, limit: number): boolean {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      index++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function readToml(text: string, at: Locate): unknown {
  try {
    return parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      throw new LockfileError('toml-syntax', `not valid TOML: ${reason}`, at({ line: error.line, column: error.column }));
    }
    throw new LockfileError('toml-syntax', `not valid TOML: ${String(error)}`, at({}));
  }
}

function validateShape(document: unknown, text: string, at: Locate): RawLockfile {
  const result = zodCheck(rawLockfileSchema(), document);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as core.$ZodIssue;
  const keyPath = formatKeyPath(issue.path);
  const line = lineOfKeyPath(issue.path, text);
  const subject = describeSubject(issue.path, document);
  throw new LockfileError(
    'invalid-shape',
    `${subject}key \`${keyPath}\`: ${describeIssue(issue)}`,
    at({ ...(line ? { line } : {}), key: keyPath }),
  );
}

function describeIssue(issue: core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = issue.message.match(/received (\w+)/)?.[1];
    return `expected ${issue.expected}${received ? `, got ${received === 'undefined' ? 'nothing (the key is missing)' : received}` : ''}`;
  }
  return issue.message;
}

function lineOfKeyPath(path: readonly PropertyKey[], text: string): number | undefined {
  const lines = findTableLines(text);
  if (path[0] === 'package' && typeof path[1] === 'number') return lines.packages[path[1]];
  if (path[0] === 'patch' && path[1] === 'unused' && typeof path[2] === 'number') return lines.patchUnused[path[2]];
  if (path[0] === 'root') return lines.root;
  if (path[0] === 'version') return lines.version;
  if (path[0] === 'metadata' && typeof path[1] === 'string') return findLineOf(text, path[1]);
  return undefined;
}

function describeSubject(path: readonly PropertyKey[], document: unknown): string {
  if (path[0] !== 'package' || typeof path[1] !== 'number') return '';
  const packages = (document as { package?: unknown }).package;
  const entry = Array.isArray(packages) ? (packages[path[1]] as { name?: unknown } | undefined) : undefined;
  const name = typeof entry?.name === 'string' ? ` "${entry.name}"` : '';
  return `package #${path[1] + 1}${name}: `;
}

function detectFormat(raw: RawLockfile, lines: TableLines, at: Locate): LockfileFormat {
  if (raw.version !== undefined) {
    if (SUPPORTED_FORMATS.includes(raw.version)) return raw.version as LockfileFormat;
    throw new LockfileError(
      'unsupported-version',
      `lockfile format version ${raw.version} is not one runtime-guard knows (it reads versions 1 to 4, and versions 3 and 4 are the only ones Cargo writes a \`version\` key for); a newer Cargo may have written it: upgrade runtime-guard`,
      at({ ...(lines.version ? { line: lines.version } : {}), key: 'version' }),
    );
  }
  // Format v1 kept checksums in [metadata]; v2 moved them into each package and dropped the version key.
  const metadataKeys = Object.keys(raw.metadata ?? {});
  if (metadataKeys.some((key) => key.startsWith('checksum ')) || raw.root) return 1;
  const packages = raw.package ?? [];
  if (packages.some((entry) => entry.checksum !== undefined)) return 2;
  // No checksum anywhere (only path and git packages): v1 spelled every dependency out in full,
  // v2 writes a bare name wherever the name alone is unambiguous.
  const dependencyStrings = packages.flatMap((entry: RawPackage) => entry.dependencies ?? []);
  if (dependencyStrings.length > 0 && dependencyStrings.every((dependency) => dependency.includes(' '))) return 1;
  return 2;
}

/**
 * Format v1 kept checksums in `[metadata]` under `"checksum name version (source)"` keys, looked up
 * with the same `lookup_id` as the edges (encode.rs:339-354); a key naming no package is skipped.
 */
function addMetadataChecksums(
  packages: Package[],
  metadata: Record<string, string> | undefined,
  resolver: DependencyResolver,
  text: string,
  at: Locate,
): void {
  const indexById = new Map(packages.map((pkg, index) => [pkg.id, index]));
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (!key.startsWith('checksum ') || value === '<none>') continue;
    const encoded = key.slice('checksum '.length);
    const resolution = resolver.resolve(encoded);
    if (resolution === undefined) {
      const line = findLineOf(text, key);
      throw new LockfileError(
        'invalid-dependency',
        `metadata key "${key}" is not of the form "checksum name version (source)"`,
        at({ ...(line ? { line } : {}), key: `metadata.${key}` }),
      );
    }
    const index = 'id' in resolution ? indexById.get(resolution.id) : undefined;
    if (index === undefined) continue;
    packages[index] = { ...(packages[index] as Package), checksum: value };
  }
}

function refuseDependency(dependency: string, ownerId: PackageId, line: number, at: Locate): never {
  throw new LockfileError(
    'invalid-dependency',
    `dependency "${dependency}" of package "${ownerId}" is not of the form "name", "name version" or "name version (source)"`,
    at({ ...(line ? { line } : {}), key: dependency }),
  );
}
