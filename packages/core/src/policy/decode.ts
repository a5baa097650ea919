import { invalidUtf8Offset, invalidUtf8Reason, lineAt } from '../lockfile/decode.js';
import { PolicyError } from './errors.js';

/**
 * A policy file's bytes as text, refusing invalid UTF-8 with the byte offset and line (TOML files
 * must be UTF-8).
 *
 * @throws PolicyError
 */
export function decodePolicy(bytes: Uint8Array, fileName = 'runtime-guard.toml'): string {
  const offset = invalidUtf8Offset(bytes);
  if (offset !== undefined) throw new PolicyError(invalidUtf8Reason(bytes, offset), { fileName, line: lineAt(bytes, offset) });
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
