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
  return (JSON.parse(json) as Row[]).map(
    ([id, date, kind, withdrawn, patched, unaffected, os, arch, functions, aliases, url, title, license, alternatives, intervals]) => {
      const advisory: Advisory = {
        id,
        package: crate,
        date,
        kind,
        ...(withdrawn ? { withdrawn } : {}),
        patched,
        unaffected,
        os,
        arch,
        functions,
        aliases,
        ...(url ? { url } : {}),
        title,
        ...(license ? { license } : {}),
        alternatives,
      };
      rememberIntervals(advisory, intervals);
      return advisory;
    },
  );
}
