import { ADVISORY_SNAPSHOT, informationalAdvisoryLines, vulnerabilityAdvisoryLines } from '../knowledge/advisories.generated.js';
import type { AdvisoryDatabase } from './database.js';
import { advisoriesFromRows } from './rows.js';
import type { Advisory } from './types.js';

const NONE: readonly Advisory[] = Object.freeze([]);

/**
 * One group of the generated module (a line per crate: name, space, JSON rows), read on the first
 * look-up: its lines are indexed by crate then, and a crate's rows are parsed when it is asked for.
 */
function lazyGroup(read: () => string): (crate: string) => readonly Advisory[] {
  let rowsOf: Map<string, string> | undefined;
  const parsed = new Map<string, readonly Advisory[]>();
  return (crate) => {
    let list = parsed.get(crate);
    if (list === undefined) {
      rowsOf ??= indexLines(read());
      const rows = rowsOf.get(crate);
      // Most crates of a lockfile have no advisory: nothing to remember for them.
      if (rows === undefined) return NONE;
      list = advisoriesFromRows(crate, rows);
      parsed.set(crate, list);
    }
    return list;
  };
}

function indexLines(text: string): Map<string, string> {
  const rowsOf = new Map<string, string>();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.indexOf(' ', start);
    rowsOf.set(text.slice(start, space), text.slice(space + 1, end));
    start = end + 1;
  }
  return rowsOf;
}

const byId = (a: Advisory, b: Advisory): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

let bundled: AdvisoryDatabase | undefined;

/**
 * The snapshot bundled with runtime-guard. Nothing is read at import; the informational advisories
 * on the first look-up, the vulnerabilities on the first look-up that wants them; a crate's rows are
 * parsed only when a lockfile holds that crate, so a run pays for the crates it has.
 */
export function bundledAdvisories(): AdvisoryDatabase {
  if (bundled) return bundled;
  const informational = lazyGroup(informationalAdvisoryLines);
  const vulnerabilities = lazyGroup(vulnerabilityAdvisoryLines);
  const both = new Map<string, readonly Advisory[]>();
  bundled = {
    source: { kind: 'bundled', commit: ADVISORY_SNAPSHOT.commit, date: ADVISORY_SNAPSHOT.date, count: ADVISORY_SNAPSHOT.count },
    advisoriesFor(crate, query) {
      const some = informational(crate);
      if (query?.vulnerabilities === false) return some;
      const more = vulnerabilities(crate);
      if (more.length === 0 || some.length === 0) return more.length === 0 ? some : more;
      let list = both.get(crate);
      if (list === undefined) {
        list = [...some, ...more].sort(byId);
        both.set(crate, list);
      }
      return list;
    },
  };
  return bundled;
}
