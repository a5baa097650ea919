import type { Advisory, AdvisorySource } from './types.js';

/** What a look-up asks for: `vulnerabilities: false` leaves vulnerabilities out (default: every advisory). */
export interface AdvisoryQuery {
  readonly vulnerabilities?: boolean;
}

/** Advisory data as the rule reads it: which data it is, and the advisories of one crate. */
export interface AdvisoryDatabase {
  readonly source: AdvisorySource;
  /**
   * The advisories about a crate, withdrawn ones included (they never match), in id order; without
   * vulnerabilities when the query says so (the bundled snapshot then never reads its vulnerability rows).
   */
  advisoriesFor(crate: string, query?: AdvisoryQuery): readonly Advisory[];
}

/** A database over advisories already read (from a checkout given at run time). */
export function advisoryDatabaseFrom(advisories: readonly Advisory[], source: Omit<AdvisorySource, 'count'>): AdvisoryDatabase {
  const all = byCrate(advisories);
  const informational = byCrate(advisories.filter((advisory) => advisory.kind !== 'vulnerability'));
  return {
    source: { ...source, count: advisories.length },
    advisoriesFor: (crate, query) => (query?.vulnerabilities === false ? informational : all).get(crate) ?? [],
  };
}

function byCrate(advisories: readonly Advisory[]): Map<string, Advisory[]> {
  const map = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const list = map.get(advisory.package);
    if (list) list.push(advisory);
    else map.set(advisory.package, [advisory]);
  }
  return map;
}
