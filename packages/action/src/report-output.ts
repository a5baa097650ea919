import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonReport } from '@runtime-guard/core';

/**
 * Largest `report` output, in characters. GitHub keeps at most 1 MB of outputs per job, and a step
 * output is copied into the runner's environment: the full report goes to a file instead.
 */
export const REPORT_OUTPUT_LIMIT = 256 * 1024;

/** The inline report when the full one is too large: the same document with findings left out, and where the rest is. */
export interface TruncatedJsonReport extends JsonReport {
  readonly truncated?: { readonly findingsLeftOut: number; readonly reportFile: string };
}

/**
 * Writes the full JSON report to a file under `RUNNER_TEMP` (readable by later steps of the job) and
 * returns its path with the inline `report`: the full text when it fits in {@link REPORT_OUTPUT_LIMIT},
 * otherwise the report with the least important findings left out (the last of each list) and a
 * `truncated` member saying how many and where the full report is.
 */
export async function writeReport(report: JsonReport, directory: string): Promise<{ file: string; inline: string; problem?: string }> {
  const full = `${JSON.stringify(report, null, 2)}\n`;
  let file = join(directory, `runtime-guard-report-${randomUUID()}.json`);
  let problem: string | undefined;
  try {
    await writeFile(file, full);
  } catch (error) {
    // The inline report is still written: a full disk costs the file, not the result.
    problem = `runtime-guard could not write the full JSON report to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
    file = '';
  }
  return { file, inline: full.length <= REPORT_OUTPUT_LIMIT ? full : boundedReport(report, file), ...(problem ? { problem } : {}) };
}

function boundedReport(report: JsonReport, file: string): string {
  const total = report.lockfiles.reduce((sum, lockfile) => sum + ('findings' in lockfile ? lockfile.findings.length : 0), 0);
  const render = (keep: number): string => {
    let left = keep;
    const lockfiles = report.lockfiles.map((lockfile) => {
      if (!('findings' in lockfile)) return lockfile;
      const findings = lockfile.findings.slice(0, Math.max(0, left));
      left -= findings.length;
      return { ...lockfile, findings };
    });
    const truncated = { findingsLeftOut: total - Math.min(keep, total), reportFile: file };
    return JSON.stringify({ ...report, lockfiles, truncated } satisfies TruncatedJsonReport);
  };
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (render(middle).length <= REPORT_OUTPUT_LIMIT) low = middle;
    else high = middle - 1;
  }
  return render(low);
}

/**
 * Writes the SARIF log (for `github/codeql-action/upload-sarif`) to a file under `RUNNER_TEMP` and
 * returns its path; a file that cannot be written is a warning and an empty `sarif` output.
 */
export async function writeSarif(sarif: string, directory: string): Promise<{ file: string; problem?: string }> {
  const file = join(directory, `runtime-guard-${randomUUID()}.sarif`);
  try {
    await writeFile(file, sarif);
    return { file };
  } catch (error) {
    return {
      file: '',
      problem: `runtime-guard could not write the SARIF report to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    };
  }
}
