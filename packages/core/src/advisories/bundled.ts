import { ADVISORY_SNAPSHOT, informationalAdvisoryLines, vulnerabilityAdvisoryLines } from '../knowledge/advisories.generated.js';
import type { AdvisoryDatabase } from './database.js';
import { advisoriesFromRows } from './rows.js';
import type { Advisory } from './types.js';

const NONE: readonly Advisory[] = Object.freeze([]);

/**
 * One group of the generated module (a line per crate: name, space, JSON rows), read on the first
 * look-up: its lines are indexed by crate then, and a crate's rows are parsed when it is first asked for.
 */
function lazyGroup(read: () => string): (crate: string) => readonly Advisory[] {
  // A crate's rows as text until asked for, then its advisories: one look-up per crate either way.
  let index: Map<string, string | readonly Advisory[]> | undefined;
  return (crate) => {
    index ??= indexLines(read());
    const entry = index.get(crate);
    if (entry === undefined) return NONE;
    if (typeof entry !== 'string') return entry;
    const advisories = advisoriesFromRows(crate, entry);
    index.set(crate, advisories);
    return advisories;
  };
}

function indexLines(text: string): Map<string, string> {
  const index = new Map<string, string>();
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] as string;
    const space = line.indexOf(' ');
    if (space > 0) index.set(line.slice(0, space), line.slice(space + 1));
  }
  return index;
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
