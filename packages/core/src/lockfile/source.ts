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
}

const CRATES_IO_URLS = new Set(['https://github.com/rust-lang/crates.io-index', 'https://index.crates.io/', 'https://index.crates.io']);

const GIT_REFERENCE_KINDS = new Set(['branch', 'tag', 'rev']);

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
      if (!GIT_REFERENCE_KINDS.has(key)) continue; // other query keys carry no meaning for us
      reference = {
        kind: key as GitReference['kind'],
        value: decodeQueryValue(value, raw, location),
      };
    }
  }
  if (url === '') {
    throw new LockfileError('invalid-source', `source "${raw}" has no URL after "git+"`, location);
  }
  return {
    raw,
    kind: 'git',
    url,
    isCratesIo: false,
    ...(reference ? { reference } : {}),
    ...(commit ? { commit } : {}),
  };
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
    return { raw, kind, url: rest, isCratesIo: CRATES_IO_URLS.has(rest) };
  }
  throw new LockfileError(
    'invalid-source',
    `source "${raw}" is not of a kind Cargo writes (expected "registry+…", "sparse+…" or "git+…")`,
    location,
  );
}
