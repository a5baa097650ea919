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
export function createProgress(total: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || total < 2 || stream.isTTY !== true) return SILENT;
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
