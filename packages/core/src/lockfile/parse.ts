import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { groupDigits } from '../numbers.js';
import { readCargoWrittenLockfile } from './cargo-written.js';
import { formatKeyPath, LockfileError, type SourceLocation } from './errors.js';
import { findLineOf, findTableLines, type TableLines } from './lines.js';
import { type RawLockfile, type RawPackage, rawLockfileSchema } from './shape.js';
import { parseSource, type Source } from './source.js';
import { type Lockfile, type LockfileFormat, type Package, type PackageId, packageId, type UnusedPatch } from './types.js';

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

  const raw = readCargoWrittenLockfile(text) ?? validateShape(readToml(text, at), text, at);
  const lines = findTableLines(text);
  const formatVersion = detectFormat(raw, lines, at);
  const rawPackages = raw.root ? [raw.root, ...(raw.package ?? [])] : (raw.package ?? []);
  const headerLines = raw.root ? [lines.root ?? 0, ...lines.packages] : lines.packages;
  const lineOf = (index: number): number => (headerLines.length === rawPackages.length ? (headerLines[index] ?? 0) : 0);

  // Most packages share a handful of source strings (crates.io): parse each once, share the result.
  const sources = new Map<string, Source>();
  const parsed = rawPackages.map((rawPackage, index) => {
    let source: Source | undefined;
    if (rawPackage.source !== undefined) {
      source = sources.get(rawPackage.source);
      if (!source) {
        source = parseSource(rawPackage.source, at({ line: lineOf(index), key: `package[${index}]` }));
        sources.set(rawPackage.source, source);
      }
    }
    return { rawPackage, source, id: packageId(rawPackage.name, rawPackage.version, source), line: lineOf(index) };
  });

  const ids = new Map<PackageId, number>();
  for (const entry of parsed) {
    const earlier = ids.get(entry.id);
    if (earlier !== undefined) {
      throw new LockfileError(
        'duplicate-package',
        `package "${entry.id}" appears twice (first at line ${earlier})`,
        at({ line: entry.line, key: 'package' }),
      );
    }
    ids.set(entry.id, entry.line);
  }
  const dependencyKeys = new DependencyKeys(parsed);

  const checksums = formatVersion === 1 ? readMetadataChecksums(raw.metadata) : undefined;
  const packages: Package[] = parsed.map(({ rawPackage, source, id, line }) => {
    const dependencies = (rawPackage.dependencies ?? []).map((dependency) =>
      resolveDependency(dependency, dependencyKeys, parsed, id, text, line, at),
    );
    const checksum = rawPackage.checksum ?? checksums?.get(id);
    return {
      id,
      name: rawPackage.name,
      version: rawPackage.version,
      ...(source ? { source } : {}),
      ...(checksum ? { checksum } : {}),
      dependencies,
      line,
    };
  });

  const unusedRaw = raw.patch?.unused ?? [];
  const unusedPatches: UnusedPatch[] = unusedRaw.map((rawPatch, index) => {
    const line = lines.patchUnused.length === unusedRaw.length ? (lines.patchUnused[index] ?? 0) : 0;
    const source: Source | undefined =
      rawPatch.source === undefined ? undefined : parseSource(rawPatch.source, at({ line, key: `patch.unused[${index}]` }));
    return { name: rawPatch.name, version: rawPatch.version, ...(source ? { source } : {}), line };
  });

  return { ...(fileName !== undefined ? { fileName } : {}), formatVersion, packages, unusedPatches };
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
  const result = rawLockfileSchema().safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const keyPath = formatKeyPath(issue.path);
  const line = lineOfKeyPath(issue.path, text);
  const subject = describeSubject(issue.path, document);
  throw new LockfileError(
    'invalid-shape',
    `${subject}key \`${keyPath}\`: ${describeIssue(issue)}`,
    at({ ...(line ? { line } : {}), key: keyPath }),
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
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

function readMetadataChecksums(metadata: Record<string, string> | undefined): Map<PackageId, string> {
  const checksums = new Map<PackageId, string>();
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (!key.startsWith('checksum ') || value === '<none>') continue;
    checksums.set(key.slice('checksum '.length), value);
  }
  return checksums;
}

interface Candidate {
  readonly id: PackageId;
  readonly rawPackage: RawPackage;
  readonly source: Source | undefined;
}

/** Marks a dependency key that more than one package answers to. */
const AMBIGUOUS = '';

/**
 * Resolves dependency strings the way Cargo does, one map lookup per edge. Bare names (what v2+
 * writes for most edges) are indexed up front; the `name version` and full-id forms only when the
 * first such string is met, since files of format v2+ rarely need them.
 */
class DependencyKeys {
  private readonly byName = new Map<string, PackageId>();
  private longForms: Map<string, PackageId> | undefined;

  constructor(private readonly candidates: readonly Candidate[]) {
    for (const { id, rawPackage } of candidates) add(this.byName, rawPackage.name, id);
  }

  get(dependency: string): PackageId | undefined {
    if (!dependency.includes(' ')) return this.byName.get(dependency);
    if (!this.longForms) {
      this.longForms = new Map();
      for (const { id, rawPackage } of this.candidates) {
        add(this.longForms, `${rawPackage.name} ${rawPackage.version}`, id);
        if (rawPackage.source !== undefined) add(this.longForms, id, id);
      }
    }
    return this.longForms.get(dependency);
  }
}

function add(keys: Map<string, PackageId>, key: string, id: PackageId): void {
  keys.set(key, keys.has(key) ? AMBIGUOUS : id);
}

function resolveDependency(
  dependency: string,
  keys: DependencyKeys,
  candidates: readonly Candidate[],
  ownerId: PackageId,
  text: string,
  ownerLine: number,
  at: Locate,
): PackageId {
  const resolved = keys.get(dependency);
  if (resolved) return resolved;
  const fail = (code: 'invalid-dependency' | 'unknown-dependency' | 'ambiguous-dependency', reason: string): never => {
    const line = findLineOf(text, `"${dependency}"`, ownerLine || 1) ?? ownerLine;
    throw new LockfileError(code, reason, at({ ...(line ? { line } : {}), key: dependency }));
  };
  const { name, version, source } =
    splitDependency(dependency) ??
    fail(
      'invalid-dependency',
      `dependency "${dependency}" of package "${ownerId}" is not of the form "name", "name version" or "name version (source)"`,
    );
  const matching = candidates.filter(
    (candidate) =>
      candidate.rawPackage.name === name &&
      (version === undefined || candidate.rawPackage.version === version) &&
      (source === undefined || candidate.source?.raw === source),
  );
  if (matching.length === 0) {
    return fail('unknown-dependency', `dependency "${dependency}" of package "${ownerId}" matches no package in the lockfile`);
  }
  return fail(
    'ambiguous-dependency',
    `dependency "${dependency}" of package "${ownerId}" matches ${matching.length} packages (${matching
      .map((candidate) => `"${candidate.id}"`)
      .join(', ')}); a version or source is needed to tell them apart`,
  );
}

/** Splits `name`, `name version` or `name version (source)`; undefined when it is none of these. */
export function splitDependency(dependency: string): { name: string; version?: string; source?: string } | undefined {
  const firstSpace = dependency.indexOf(' ');
  if (firstSpace < 0) return dependency === '' ? undefined : { name: dependency };
  const name = dependency.slice(0, firstSpace);
  const rest = dependency.slice(firstSpace + 1);
  const secondSpace = rest.indexOf(' ');
  if (secondSpace < 0) return name && rest ? { name, version: rest } : undefined;
  const version = rest.slice(0, secondSpace);
  const sourcePart = rest.slice(secondSpace + 1);
  if (!name || !version || !sourcePart.startsWith('(') || !sourcePart.endsWith(')') || sourcePart.length < 3) {
    return undefined;
  }
  return { name, version, source: sourcePart.slice(1, -1) };
}
