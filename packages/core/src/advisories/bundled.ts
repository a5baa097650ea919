import { ADVISORY_SNAPSHOT, informationalAdvisoryLines, vulnerabilityAdvisoryLines } from '../knowledge/advisories.generated.js';
import type { AdvisoryDatabase, AdvisoryQuery } from './database.js';
import { advisoriesFromRows } from './rows.js';
import type { Advisory } from './types.js';

const NONE: readonly Advisory[] = Object.freeze([]);

/**
 * One group of the generated module, indexed by crate on its first look-up: the crate's JSON rows
 * until it is asked for, then its advisories (a line per crate: name, space, rows).
 */
type Group = Map<string, string | readonly Advisory[]>;

function indexLines(text: string): Group {
  const index: Group = new Map();
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] as string;
    const space = line.indexOf(' ');
    if (space > 0) index.set(line.slice(0, space), line.slice(space + 1));
  }
  return index;
}

function lookUp(group: Group, crate: string): readonly Advisory[] {
  const entry = group.get(crate);
  if (entry === undefined) return NONE;
  if (typeof entry !== 'string') return entry;
  const advisories = advisoriesFromRows(crate, entry);
  group.set(crate, advisories);
  return advisories;
}

const byId = (a: Advisory, b: Advisory): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The snapshot bundled with runtime-guard, as a class so that a look-up, made once per crate of a
 * lockfile, is one plain method call. Nothing is read at import; the informational advisories on the
 * first look-up, the vulnerabilities on the first look-up that wants them; a crate's rows are parsed
 * only when a lockfile holds that crate, so a run pays for the crates it has.
 */
class BundledAdvisories implements AdvisoryDatabase {
  readonly source = {
    kind: 'bundled' as const,
    commit: ADVISORY_SNAPSHOT.commit,
    date: ADVISORY_SNAPSHOT.date,
    count: ADVISORY_SNAPSHOT.count,
  };
  private informational: Group | undefined;
  private vulnerabilities: Group | undefined;
  private readonly both = new Map<string, readonly Advisory[]>();

  advisoriesFor(crate: string, query?: AdvisoryQuery): readonly Advisory[] {
    this.informational ??= indexLines(informationalAdvisoryLines());
    const some = lookUp(this.informational, crate);
    if (query?.vulnerabilities === false) return some;
    this.vulnerabilities ??= indexLines(vulnerabilityAdvisoryLines());
    const more = lookUp(this.vulnerabilities, crate);
    if (more.length === 0 || some.length === 0) return more.length === 0 ? some : more;
    let list = this.both.get(crate);
    if (list === undefined) {
      list = [...some, ...more].sort(byId);
      this.both.set(crate, list);
    }
    return list;
  }
}

let bundled: AdvisoryDatabase | undefined;

/** The snapshot bundled with runtime-guard (see `BundledAdvisories`): one instance, read on demand. */
export function bundledAdvisories(): AdvisoryDatabase {
  bundled ??= new BundledAdvisories();
  return bundled;
}
