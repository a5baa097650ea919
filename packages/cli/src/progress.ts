import { isTerminal } from './stdio.js';

/** Reports progress through many lockfiles on one status line of standard error. */
export interface Progress {
  step(done: number, path: string): void;
  finish(): void;
}

const SILENT: Progress = { step() {}, finish() {} };

/**
 * A status line on standard error while several lockfiles are audited: only on a terminal, never
 * with `--quiet` or for a single lockfile (nothing to wait for), and erased when done so the report
 * and the terminal stay clean. Redirected or piped stderr never sees it.
 */
export function createProgress(total: number, quiet: boolean, terminal?: NodeJS.WriteStream): Progress {
  if (quiet || total < 2) return SILENT;
  // Standard error is looked at only when there is something to show (see stdio.ts).
  const stream = terminal ?? (isTerminal(2) ? process.stderr : undefined);
  if (stream?.isTTY !== true) return SILENT;
  const width = Math.max(20, (stream.columns || 80) - 1);
  return {
    step(done, path) {
      const line = `runtime-guard: ${done}/${total} ${path}`;
      stream.write(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    },
    finish() {
      stream.write('\r\u001b[2K');
    },
  };
}
