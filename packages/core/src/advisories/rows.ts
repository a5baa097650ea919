import { intervalsOf, rememberIntervals } from './match.js';
import type { CompiledInterval } from './ranges.js';
import type { Advisory, AdvisoryKind } from './types.js';

/**
 * One advisory as a compact JSON row of the generated module. The package is not in the row: the
 * module groups rows under their crate's name. `intervals` holds the `patched` then `unaffected`
 * requirements already read, so matching reads no requirement at run time (`null`: unreadable).
 */
type Row = [
  id: string,
  date: string,
  kind: AdvisoryKind,
  withdrawn: string,
  patched: string[],
  unaffected: string[],
  os: string[],
  arch: string[],
  functions: string[],
  aliases: string[],
  url: string,
  title: string,
  license: string,
  alternatives: string[],
  intervals: (CompiledInterval | null)[],
];

/** The row fields, in order, as the generated module's comment names them. */
export const ROW_FIELDS =
  'id, date, kind, withdrawn, patched, unaffected, os, arch, functions, aliases, url, title, license, alternatives, intervals';

/** The JSON array of one crate's advisories (all about that crate), as the generated module holds it. */
export function advisoriesToRows(advisories: readonly Advisory[]): string {
  const rows = advisories.map(
    (advisory): Row => [
      advisory.id,
      advisory.date,
      advisory.kind,
      advisory.withdrawn ?? '',
      [...advisory.patched],
      [...advisory.unaffected],
      [...advisory.os],
      [...advisory.arch],
      [...advisory.functions],
      [...advisory.aliases],
      advisory.url ?? '',
      advisory.title,
      advisory.license ?? '',
      [...advisory.alternatives],
      [...intervalsOf(advisory)],
    ],
  );
  return JSON.stringify(rows);
}

/** The advisories of one crate from its JSON rows (`advisoriesToRows`' output). */
export function advisoriesFromRows(crate: string, json: string): Advisory[] {
  const rows = JSON.parse(json) as Row[];
  const advisories: Advisory[] = [];
  // Indexed reads, not destructuring: a cold process interprets this once, and destructuring an array
  // goes through its iterator, element by element.
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Row;
    const advisory: { -readonly [Key in keyof Advisory]: Advisory[Key] } = {
      id: row[0],
      package: crate,
      date: row[1],
      kind: row[2],
      patched: row[4],
      unaffected: row[5],
      os: row[6],
      arch: row[7],
      functions: row[8],
      aliases: row[9],
      title: row[11],
      alternatives: row[13],
    };
    // Optional fields only when present, as the advisory-db reader leaves them out.
    if (row[3]) advisory.withdrawn = row[3];
    if (row[10]) advisory.url = row[10];
    if (row[12]) advisory.license = row[12];
    rememberIntervals(advisory, row[14]);
    advisories.push(advisory);
  }
  return advisories;
}
