import { LockfileError } from './errors.js';

/**
 * Where the first byte that is not UTF-8 is, or undefined when all of `bytes` is UTF-8.
 *
 * A lockfile is read as Cargo reads it: `cargo_util::paths::read` is `String::from_utf8(read_bytes(path)?)`
 * and bails with "path at `…` was not valid utf-8"
 * (https://github.com/rust-lang/cargo/blob/master/crates/cargo-util/src/paths.rs, fn read).
 * Decoding with replacement characters instead would let `tok\xffio` pass as a different crate.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return undefined;
  } catch {
    // Only on failure: walk the bytes to say where (the decoder does not tell).
  }
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index] as number;
    const width =
      first < 0x80 ? 1 : first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
    if (width === 0) return index;
    if (width > 1) {
      const second = bytes[index + 1];
      // The second byte's range rules out overlong forms, surrogates and code points above U+10FFFF.
      const low = first === 0xe0 ? 0xa0 : first === 0xf0 ? 0x90 : 0x80;
      const high = first === 0xed ? 0x9f : first === 0xf4 ? 0x8f : 0xbf;
      if (second === undefined || second < low || second > high) return index;
      for (let next = 2; next < width; next++) {
        const byte = bytes[index + next];
        if (byte === undefined || byte < 0x80 || byte > 0xbf) return index;
      }
    }
    index += width;
  }
  return undefined;
}

/**
 * A lockfile's bytes as text, refusing invalid UTF-8 with the byte offset and line, as Cargo refuses
 * the file. For the CLI and the Action, which read files as bytes.
 *
 * @throws LockfileError with code `invalid-utf8`
 */
export function decodeLockfile(bytes: Uint8Array, fileName?: string): string {
  try {
    // One decoding that checks as it goes: a second one would copy the whole file again.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes) ?? 0;
    throw new LockfileError('invalid-utf8', invalidUtf8Reason(bytes, offset), {
      ...(fileName !== undefined ? { fileName } : {}),
      line: lineAt(bytes, offset),
    });
  }
}

/** `not valid UTF-8: byte 0xff at offset 39 …`, for any file (the policy loader uses it too). */
export function invalidUtf8Reason(bytes: Uint8Array, offset: number): string {
  const byte = (bytes[offset] as number).toString(16).padStart(2, '0');
  return `not valid UTF-8: byte 0x${byte} at offset ${offset} (Cargo refuses such a file; save it as UTF-8)`;
}

/** 1-based line of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}
