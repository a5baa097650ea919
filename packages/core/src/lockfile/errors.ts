/** Where in a file a problem is: 1-based line and column, and the key path or string at fault. */
export interface SourceLocation {
  /** The file name given by the caller, when there is one. */
  readonly fileName?: string;
  /** 1-based line number. */
  readonly line?: number;
  /** 1-based column number. */
  readonly column?: number;
  /** The key path (`package[12].version`) or the offending value. */
  readonly key?: string;
}

/** Stable codes for every way a lockfile can be refused. */
export type LockfileErrorCode =
  | 'too-large'
  | 'not-a-lockfile'
  | 'invalid-utf8'
  | 'toml-syntax'
  | 'invalid-shape'
  | 'unsupported-version'
  | 'invalid-source'
  | 'invalid-dependency'
  | 'unknown-dependency'
  | 'ambiguous-dependency'
  | 'duplicate-package';

/** Formats a location as `Cargo.lock:12:5` (the parts that are known). */
export function formatLocation(location: SourceLocation): string {
  let text = location.fileName ?? '';
  if (location.line !== undefined) {
    text += `${text ? ':' : 'line '}${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return text;
}

/**
 * The one error type `parseLockfile` throws. Its `message` is written for a person and already
 * starts with the location (`Cargo.lock:12: …`); the parts are also available as fields.
 *
 * @example
 * try { parseLockfile(text, { fileName: 'Cargo.lock' }) }
 * catch (error) { if (error instanceof LockfileError) console.error(error.message) }
 */
export class LockfileError extends Error {
  override readonly name = 'LockfileError';
  readonly code: LockfileErrorCode;
  readonly location: SourceLocation;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(code: LockfileErrorCode, reason: string, location: SourceLocation = {}) {
    const where = formatLocation(location);
    super(where ? `${where}: ${reason}` : reason);
    this.code = code;
    this.reason = reason;
    this.location = location;
  }
}

/** Formats a key path as TOML users write it: `package[1].version`, `severity.multiple-runtimes`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || '(top level)';
}
