import type { ManifestProblem } from './types.js';

/** A Cargo.toml that cannot be read: names the file, the key path and what was expected. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  readonly file: string;
  readonly line?: number;
  readonly key?: string;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(file: string, reason: string, where: { line?: number; key?: string } = {}) {
    const location = where.line ? `${file}:${where.line}` : file;
    super(`${location}: ${where.key ? `${where.key}: ` : ''}${reason}`);
    this.file = file;
    this.reason = reason;
    if (where.line) this.line = where.line;
    if (where.key) this.key = where.key;
  }

  /** The error as a problem record (for warnings: a manifest problem never stops an audit). */
  toProblem(): ManifestProblem {
    return {
      file: this.file,
      ...(this.line ? { line: this.line } : {}),
      ...(this.key ? { key: this.key } : {}),
      message: this.message,
    };
  }
}
