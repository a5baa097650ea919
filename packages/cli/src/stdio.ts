import { fstatSync, writeSync } from 'node:fs';

/*
 * Standard output and error without `process.stdout` / `process.stderr` on the common path: the first
 * use of either stream loads Node's stream modules, and for a pipe (how CI captures output) its net
 * module too, milliseconds of a command that prints one report and exits (see `pnpm bench:cli`).
 */

type Descriptor = 1 | 2;

const streamOf = (fd: Descriptor): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);

/**
 * Writes all of `text` to the descriptor synchronously. A non-blocking descriptor that is full
 * (EAGAIN) gets the rest through Node's stream, which waits until it can be written; a reader that
 * has gone (EPIPE, as in `runtime-guard audit | head`) gets nothing more, and no error.
 */
export function writeText(fd: Descriptor, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw error;
    streamOf(fd).write(bytes.subarray(written));
  }
}

/**
 * Whether the descriptor is a terminal. A regular file, a pipe or a socket is not, which `fstat`
 * tells without loading anything; a character device may be a terminal or `/dev/null`, and Node's
 * stream decides.
 */
export function isTerminal(fd: Descriptor): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return streamOf(fd).isTTY === true;
}
