import { type AdvisoryDatabase, advisoryDatabaseFrom } from './database.js';
import { type AdvisoryFile, parseAdvisoryFiles } from './parse.js';

/**
 * Advisory data from the files of an advisory-db checkout (`crates/*\/RUSTSEC-*.md`, texts read by
 * the caller), to use instead of the bundled snapshot. Pure. The date is the checkout's commit date
 * when the caller knows it, otherwise the newest advisory's.
 *
 * @throws {AdvisoryDataError} naming the file and key of the first advisory that cannot be read.
 * @example
 * const advisories = readAdvisoryDatabase(files, { commit, date: '2026-11-30' });
 * auditLockfiles(inputs, policy, { advisories });
 */
export function readAdvisoryDatabase(files: readonly AdvisoryFile[], origin: { commit?: string; date?: string } = {}): AdvisoryDatabase {
  const advisories = parseAdvisoryFiles(files);
  const newest =
    advisories
      .map((advisory) => advisory.date)
      .sort()
      .at(-1) ?? '0000-00-00';
  return advisoryDatabaseFrom(advisories, {
    kind: 'checkout',
    ...(origin.commit ? { commit: origin.commit } : {}),
    date: origin.date ?? newest,
  });
}
