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
  readonly head: UngroupedFinding;
  /** Every package the group's cause covers. */
  readonly nodes: Set<number>;
  /** The packages the group's findings are about. */
  readonly subjects: Set<number>;
  readonly related: RelatedFinding[];
}

/**
 * One finding per root cause, whatever rule produced them and whatever list fed the rules. Findings
 * come in most serious first; each one that is not an error joins the first group at least as serious that
 * - already covers all its packages (discouraged tokio 0.1 with the tokio 0.1 split), or
 * - is about the same crate under the same rule (proc-macro-error 0.4 and 1.0), or
 * - it depends on directly (hyper 0.12 brings the tokio 0.1 line): `same-cause`;
 * then a group whose packages are reached only through another group's is nested under it
 * (`reached-through`: net2 behind the tokio 0.2 line). Nothing is dropped: nested findings keep
 * their own line, message and fingerprint.
 */
export function groupFindings(findings: readonly UngroupedFinding[], graph: Graph): Finding[] {
  const rank = (finding: UngroupedFinding) => SEVERITIES.indexOf(finding.finding.severity);
  const groups: Group[] = [];
  for (const item of findings) {
    // An error always stands on its own: it decides whether a check fails, and a diff must see it.
    const target = item.finding.severity === 'error' ? undefined : groups.find(
      (group) =>
        rank(group.head) <= rank(item) &&
        (item.subjects.every((node) => group.nodes.has(node)) ||
          (group.head.finding.rule === item.finding.rule && group.head.finding.crate === item.finding.crate) ||
          item.subjects.some((node) => (graph.dependencies[node] ?? []).some((dependency) => group.head.subjects.includes(dependency)))),
    );
    if (target && item.subjects.length > 0) {
      join(target, item, 'same-cause');
      continue;
    }
    groups.push({ head: item, nodes: new Set([...item.subjects, ...item.involves]), subjects: new Set(item.subjects), related: [] });
  }
  // Least serious first, so a nested group's packages are already part of its parent.
  for (let index = groups.length - 1; index >= 0; index--) {
    const group = groups[index] as Group;
    const parent = onlyReachedThrough(group, groups, graph, rank);
    if (!parent) continue;
    join(parent, group.head, 'reached-through');
    for (const related of group.related) parent.related.push(related);
    for (const node of group.subjects) parent.subjects.add(node);
    groups.splice(index, 1);
  }
  return groups.map((group) => ({ ...group.head.finding, related: group.related }));
}

function join(group: Group, item: UngroupedFinding, relation: RelatedFinding['relation']): void {
  group.related.push({ ...item.finding, relation });
  for (const node of [...item.subjects, ...item.involves]) group.nodes.add(node);
  for (const node of item.subjects) group.subjects.add(node);
}

/** The group every path from a workspace member to this group's packages passes through, if one does. */
function onlyReachedThrough(group: Group, groups: readonly Group[], graph: Graph, rank: (finding: UngroupedFinding) => number): Group | undefined {
  if (group.head.subjects.length === 0) return undefined;
  if (group.head.finding.severity === 'error') return undefined;
  const owner = new Map<number, Group>();
  for (const other of groups) {
    if (other === group || rank(other.head) > rank(group.head)) continue;
    for (const node of other.subjects) if (!owner.has(node)) owner.set(node, other);
  }
  if (owner.size === 0) return undefined;
  const seen = new Set<number>(group.subjects);
  const queue = [...group.subjects];
  let nearest: Group | undefined;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    if ((graph.packages[node] as Package).source === undefined) return undefined;
    for (const parent of graph.dependents[node] ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      const blocker = owner.get(parent);
      if (blocker) {
        nearest ??= blocker;
        continue;
      }
      queue.push(parent);
    }
  }
  return nearest;
}
