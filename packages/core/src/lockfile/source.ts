import { LockfileError, type SourceLocation } from './errors.js';

/** How Cargo fetched a package. Path packages (workspace members) have no source at all. */
export type SourceKind = 'registry' | 'sparse' | 'git';

/** A git reference as written in a `git+` source query string. */
export interface GitReference {
  readonly kind: 'branch' | 'tag' | 'rev';
  readonly value: string;
}

/** A parsed `source = "…"` string of a Cargo.lock package. */
export interface Source {
  /** The string exactly as it stands in the lockfile. */
  readonly raw: string;
  readonly kind: SourceKind;
  /** The URL without the kind prefix, query string or commit fragment. */
  readonly url: string;
  /** True for the crates.io index, git or sparse protocol. */
  readonly isCratesIo: boolean;
  /** For git sources: the reference asked for (absent means the default branch). */
  readonly reference?: GitReference;
  /** For git sources: the commit Cargo locked. */
  readonly commit?: string;
  /**
   * What Cargo compares when it matches a dependency string to a package: the kind, the git
   * reference and the canonical URL, never the `#commit` fragment. Two sources with the same
   * identity are the same source to Cargo (see {@link sourceIdentity}).
   */
  readonly identity: string;
}

const CRATES_IO_URLS = new Set(['https://github.com/rust-lang/crates.io-index', 'https://index.crates.io/', 'https://index.crates.io']);

/**
 * Query keys Cargo reads as a git reference; `ref` is the old spelling of `branch`
 * (rust-lang/cargo@af373f76 crates/cargo-util-schemas/src/core/source_kind.rs:107-111, `GitReference::from_query`).
 * The last one wins, as in that loop.
 */
const GIT_REFERENCE_KINDS: ReadonlyMap<string, GitReference['kind']> = new Map([
  ['branch', 'branch'],
  ['ref', 'branch'],
  ['tag', 'tag'],
  ['rev', 'rev'],
]);

function decodeQueryValue(value: string, raw: string, location: SourceLocation): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    throw new LockfileError('invalid-source', `source "${raw}" has a badly percent-encoded query value "${value}"`, location);
  }
}

function parseGit(raw: string, rest: string, location: SourceLocation): Source {
  const hashAt = rest.indexOf('#');
  const commit = hashAt >= 0 ? rest.slice(hashAt + 1) : undefined;
  const beforeHash = hashAt >= 0 ? rest.slice(0, hashAt) : rest;
  const queryAt = beforeHash.indexOf('?');
  const url = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  let reference: GitReference | undefined;
  if (queryAt >= 0) {
    for (const pair of beforeHash.slice(queryAt + 1).split('&')) {
      if (pair === '') continue;
      const equalsAt = pair.indexOf('=');
      const key = equalsAt >= 0 ? pair.slice(0, equalsAt) : pair;
      const value = equalsAt >= 0 ? pair.slice(equalsAt + 1) : '';
      const kind = GIT_REFERENCE_KINDS.get(key);
      if (kind === undefined) continue; // Cargo ignores other query keys (source_kind.rs:112)
      reference = { kind, value: decodeQueryValue(value, raw, location) };
    }
  }
  if (url === '') {
    throw new LockfileError('invalid-source', `source "${raw}" has no URL after "git+"`, location);
  }
  // SourceId::from_url drops the query and the fragment before canonicalizing a git URL
  // (rust-lang/cargo@af373f76 src/workspace/source_id.rs:160-165), and `Ord for SourceId` compares
  // the kind, which holds the reference, then the canonical URL (source_id.rs:597-608).
  const referenceKey = reference ? `${reference.kind}=${reference.value}` : 'default-branch';
  return {
    raw,
    kind: 'git',
    url,
    isCratesIo: false,
    ...(reference ? { reference } : {}),
    ...(commit ? { commit } : {}),
    identity: `git ${referenceKey} ${canonicalUrl(url, raw, location)}`,
  };
}

/**
 * Cargo's `CanonicalUrl::new` (rust-lang/cargo@af373f76 src/util/canonical_url.rs:19-64): parse the URL,
 * strip one trailing `/`; for URLs whose scheme has no `+` (git and registry, not sparse): on github.com
 * use https and lowercase the path, then drop a trailing `.git`. The WHATWG parser behind `URL` is the
 * one the Rust `url` crate implements, so hosts and escapes normalize the same way.
 */
function canonicalUrl(text: string, raw: string, location: SourceLocation): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LockfileError('invalid-source', `source "${raw}" does not hold a valid URL ("${text}")`, location);
  }
  if (url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  if (!url.protocol.includes('+')) {
    if (url.hostname === 'github.com') {
      url.protocol = 'https:';
      url.pathname = url.pathname.toLowerCase();
    }
    if (url.pathname.endsWith('.git')) url.pathname = url.pathname.slice(0, -4);
  }
  return url.href;
}

/**
 * The identity Cargo gives a source string (see {@link Source.identity}), or undefined when the string
 * is not a source Cargo could read.
 */
export function sourceIdentity(raw: string): string | undefined {
  try {
    return parseSource(raw).identity;
  } catch {
    return undefined;
  }
}

/**
 * Parses a Cargo.lock source string: `registry+URL`, `sparse+URL` or
 * `git+URL[?branch=…|?tag=…|?rev=…][#commit]` (query values percent-decoded, as format v4 writes them).
 *
 * @throws LockfileError (`invalid-source`) for any other shape.
 */
export function parseSource(raw: string, location: SourceLocation = {}): Source {
  const plusAt = raw.indexOf('+');
  const kind = plusAt > 0 ? raw.slice(0, plusAt) : '';
  const rest = plusAt > 0 ? raw.slice(plusAt + 1) : '';
  if (kind === 'git') return parseGit(raw, rest, location);
  if (kind === 'registry' || kind === 'sparse') {
    if (rest === '') {
      throw new LockfileError('invalid-source', `source "${raw}" has no URL after "${kind}+"`, location);
    }
    // Registry and sparse sources are compared by kind and canonical URL too, with the `sparse+`
    // prefix kept in a sparse URL (source_id.rs:166-174), which exempts it from the github.com and
    // `.git` rules; `registry+https://github.com/…` gets them.
    const identity = `${kind} ${canonicalUrl(kind === 'sparse' ? raw : rest, raw, location)}`;
    return { raw, kind, url: rest, isCratesIo: CRATES_IO_URLS.has(rest), identity };
  }
  throw new LockfileError(
    'invalid-source',
    `source "${raw}" is not of a kind Cargo writes (expected "registry+…", "sparse+…" or "git+…")`,
    location,
  );
}
