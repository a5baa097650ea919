import type { Graph } from '../graph/build.js';
import type { Package } from '../lockfile/types.js';
import { type Finding, type RelatedFinding, SEVERITIES } from './types.js';

/** A finding before grouping, with the graph nodes it is about and those its cause covers. */
export interface UngroupedFinding {
  readonly finding: Omit<Finding, 'related'>;
  readonly subjects: readonly number[];
  readonly involves: readonly number[];
}

interface Group {
  readonly order: number;
  readonly head: UngroupedFinding;
  /** Every package the group's cause covers. */
  readonly nodes: Set<number>;
  /** The packages the group's findings are about. */
  readonly subjects: Set<number>;
  readonly related: RelatedFinding[];
  /** Set when the group was nested under another. */
  parent?: Group;
}

const rank = (finding: UngroupedFinding) => SEVERITIES.indexOf(finding.finding.severity);

/**
 * One finding per root cause, whatever rule produced them and whatever list fed the rules. Findings
 * come in most serious first; each one that is not an error joins the first group at least as
 * serious that
 * - already covers all its packages (discouraged tokio 0.1 with the tokio 0.1 split), or
 * - is about the same crate under the same rule (proc-macro-error 0.4 and 1.0), or
 * - it depends on directly (hyper 0.12 brings the tokio 0.1 line): `same-cause`;
 * then a group whose packages are reached only through another group's packages is nested under
 * the nearest such group (`reached-through`: net2 behind the tokio 0.1 line). Errors always stand on
 * their own: they decide whether a check fails, and a diff must see each. Nothing is dropped: nested
 * findings keep their own line, message and fingerprint.
 */
export function groupFindings(findings: readonly UngroupedFinding[], graph: Graph): Finding[] {
  const groups: Group[] = [];
  // Indexes, so grouping stays linear-ish on thousands of findings.
  const coveredBy = new Map<number, Group[]>();
  const byRuleAndCrate = new Map<string, Group>();
  const byHeadSubject = new Map<number, Group[]>();
  const push = <K>(map: Map<K, Group[]>, key: K, group: Group) => {
    const list = map.get(key);
    if (list) list.push(group);
    else map.set(key, [group]);
  };
  const cover = (group: Group, nodes: readonly number[]) => {
    for (const node of nodes) {
      if (group.nodes.has(node)) continue;
      group.nodes.add(node);
      push(coveredBy, node, group);
    }
  };

  for (const item of findings) {
    const target = item.finding.severity === 'error' || item.subjects.length === 0 ? undefined : sameCause(item);
    if (target) {
      join(target, item, 'same-cause');
      cover(target, [...item.subjects, ...item.involves]);
      continue;
    }
    const group: Group = { order: groups.length, head: item, nodes: new Set(), subjects: new Set(item.subjects), related: [] };
    groups.push(group);
    cover(group, [...item.subjects, ...item.involves]);
    const key = `${item.finding.rule} ${item.finding.crate}`;
    if (!byRuleAndCrate.has(key)) byRuleAndCrate.set(key, group);
    for (const node of item.subjects) push(byHeadSubject, node, group);
  }

  function sameCause(item: UngroupedFinding): Group | undefined {
    const candidates: Group[] = [];
    const first = item.subjects[0] as number;
    for (const group of coveredBy.get(first) ?? []) if (item.subjects.every((node) => group.nodes.has(node))) candidates.push(group);
    const sameCrate = byRuleAndCrate.get(`${item.finding.rule} ${item.finding.crate}`);
    if (sameCrate) candidates.push(sameCrate);
    for (const node of item.subjects) {
      for (const dependency of graph.dependencies[node] ?? []) candidates.push(...(byHeadSubject.get(dependency) ?? []));
    }
    return candidates.filter((group) => rank(group.head) <= rank(item)).sort((a, b) => a.order - b.order)[0];
  }

  // Whose packages each node is (the first, most serious group wins); nested groups hand theirs to the parent.
  const owner = new Map<number, Group>();
  for (const group of groups) for (const node of group.subjects) if (!owner.has(node)) owner.set(node, group);
  const live = (group: Group): Group => {
    let current = group;
    while (current.parent) current = current.parent;
    return current;
  };
  // Least serious first, so a nested group's packages are already part of its parent.
  for (let index = groups.length - 1; index >= 0; index--) {
    const group = groups[index] as Group;
    if (group.head.finding.severity === 'error') continue;
    const parent = nearestBlocker(group);
    if (!parent) continue;
    join(parent, group.head, 'reached-through');
    parent.related.push(...group.related);
    for (const node of group.subjects) parent.subjects.add(node);
    group.parent = parent;
  }

  /** The group every path from a workspace member to this group's packages passes through, nearest first. */
  function nearestBlocker(group: Group): Group | undefined {
    const seen = new Set<number>(group.subjects);
    const queue = [...group.subjects];
    let nearest: Group | undefined;
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      if ((graph.packages[node] as Package).source === undefined) return undefined;
      for (const parent of graph.dependents[node] ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        const found = owner.get(parent);
        const blocker = found ? live(found) : undefined;
        if (blocker && blocker !== group && rank(blocker.head) <= rank(group.head)) {
          nearest ??= blocker;
          continue;
        }
        queue.push(parent);
      }
    }
    return nearest;
  }

  return groups.filter((group) => !group.parent).map((group) => ({ ...group.head.finding, related: group.related }));
}

function join(group: Group, item: UngroupedFinding, relation: RelatedFinding['relation']): void {
  group.related.push({ ...item.finding, relation });
  for (const node of item.subjects) group.subjects.add(node);
}
