import { describe, expect, it } from 'vitest';
import { type CrateReach, computeReach, type MemberReach } from '../src/graph/reach.js';
import { buildGraph, parseLockfile } from '../src/index.js';
import { readWorkspace } from '../src/manifest/workspace.js';
import { readWorkspaceFixture, SCOPE_RUNTIMES, workspaceFolders } from './support/workspaces.js';

/** A crate's reach written the way SCOPE.tsv writes its columns. */
function scopeColumns(reach: CrateReach): Record<string, string> {
  const cell = (items: string[]) => (items.length === 0 ? '-' : items.join(','));
  const ways = reach.members;
  const normal = ways.filter((way) => way.class === 'normal').map((way) => way.member);
  const target = ways.filter((way) => way.class === 'target').map((way) => `${way.member}[${way.cfgs.join('|')}]`);
  const build = ways.filter((way) => way.class === 'build' && way.cfgs.length === 0).map((way) => way.member);
  const dev = ways.filter((way) => way.class === 'dev' && way.cfgs.length === 0).map((way) => way.member);
  const optional = ways
    .filter((way) => way.class === 'optional' && way.cfgs.length === 0)
    .map((way) => `${way.member}[feature=${way.features.join('|')}]`);
  const other = ways
    .filter((way) => (way.class === 'dev' || way.class === 'optional' || way.class === 'build') && way.cfgs.length > 0)
    .map(otherCell);
  return { normal: cell(normal), target: cell(target), build: cell(build), dev: cell(dev), optional: cell(optional), other: cell(other) };
}

function otherCell(way: MemberReach): string {
  const kind = `target+${way.class}:${way.cfgs.join('|')}`;
  return `${way.member}[${kind}${way.features.length > 0 ? `;feature=${way.features.join('|')}` : ''}]`;
}

describe('reach from the manifests agrees with SCOPE.tsv on 11 real workspaces', () => {
  for (const folder of workspaceFolders()) {
    it(folder, () => {
      const fixture = readWorkspaceFixture(folder);
      const graph = buildGraph(parseLockfile(fixture.lock, { fileName: fixture.lockPath }));
      const workspace = readWorkspace(fixture.manifests, fixture.root);
      expect(workspace.problems).toEqual([]);
      const nodes = SCOPE_RUNTIMES.flatMap((name) => graph.byName.get(name) ?? []);
      const reach = computeReach(graph, workspace, nodes);
      if (folder.includes('ohkami')) {
        // The lock is stale against the manifest (README): a warning naming the file, not a failure.
        expect(reach.problems.map((problem) => problem.file)).toEqual(['frameworks/Rust/ohkami/Cargo.toml']);
        expect(reach.problems[0]?.message).toMatch(/0\.24\.5 in its manifest but 0\.24\.0 in the lockfile: the lockfile is stale/);
      } else expect(reach.problems).toEqual([]);
      const actual = nodes
        .map((node) => ({ node, reach: reach.crates.get(node) as CrateReach }))
        .filter(({ reach: crate }) => crate.members.length > 0)
        .map(({ node, reach: crate }) => ({
          crate: graph.packages[node]?.name,
          version: graph.packages[node]?.version,
          default_build: crate.defaultBuild ? 'yes' : 'no',
          ...scopeColumns(crate),
        }))
        .sort((a, b) => `${a.crate} ${a.version}`.localeCompare(`${b.crate} ${b.version}`));
      const expected = fixture.scope.map((row) => ({
        crate: row.crate,
        version: row.version,
        default_build: row.default_build,
        normal: row.normal,
        target: row.target,
        build: row.build,
        dev: row.dev,
        optional: row.optional,
        other: row.other,
      }));
      expect(actual).toEqual(expected);
    });
  }
});
