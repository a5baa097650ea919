import { buildGraph, type Graph, parseLockfile, showInvisible, type WhyResult, whyNode } from '@runtime-guard/core';
// The functions of semver used here, not its index: the index loads every module semver has.
import prerelease from 'semver/functions/prerelease.js';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { UsageError } from './errors.js';
import { displayName, findLockfiles, readLockfileText } from './files.js';

/** What `explain` asks about: a crate name, and optionally a version or range after `@` (`tokio@0.2.25`, `tokio@^1`). */
export interface CrateQuery {
  readonly name: string;
  readonly range?: string;
}

/** `NAME` or `NAME@VERSION-OR-RANGE`; throws UsageError naming what is wrong. */
export function parseCrateQuery(text: string): CrateQuery {
  const at = text.indexOf('@');
  if (at < 0) return { name: text };
  const name = text.slice(0, at);
  const range = text.slice(at + 1).trim();
  if (!name) throw new UsageError(`explain ${JSON.stringify(text)}: a crate name is needed before "@"`);
  if (!range || validRange(range) === null)
    throw new UsageError(
      `explain ${JSON.stringify(text)}: after "@" comes a version or a range (0.2.25, 0.2, ^1.2, >=1, <2), not ${JSON.stringify(range)}`,
    );
  return { name, range };
}

/** One lockfile's answer: each matching version and how the workspace reaches it. */
interface Explained {
  readonly path: string;
  readonly results: readonly WhyResult[];
}

/** Paths shown per version, and steps kept per path (a longer one keeps its first and last steps). */
const PATHS_PER_VERSION = 5;
const MAX_STEPS = 24;

/**
 * `runtime-guard explain CRATE[@VERSION] [PATH…]`: every matching version of the crate in each
 * lockfile and why it is there, as text or JSON. Exit code 0 when found, 1 when not.
 */
export function explain(queryText: string, paths: readonly string[], format: 'text' | 'json'): number {
  const query = parseCrateQuery(queryText);
  const explained: Explained[] = [];
  for (const path of findLockfiles(paths)) {
    const graph = buildGraph(parseLockfile(readLockfileText(path), { fileName: displayName(path) }));
    const results = matching(graph, query).map((node) => whyNode(graph, node, PATHS_PER_VERSION, MAX_STEPS));
    explained.push({ path: displayName(path), results });
  }
  const found = explained.some(({ results }) => results.length > 0);
  if (format === 'json') process.stdout.write(`${JSON.stringify(toJson(queryText, query, explained), null, 2)}\n`);
  else process.stdout.write(toText(explained));
  if (!found) process.stderr.write(`runtime-guard: no crate ${showInvisible(JSON.stringify(queryText))} in ${paths.join(', ')}\n`);
  return found ? 0 : 1;
}

function matching(graph: Graph, query: CrateQuery): number[] {
  const nodes = graph.byName.get(query.name) ?? [];
  if (query.range === undefined) return [...nodes];
  const range = query.range;
  // Prereleases count when the range names them or when asked for exactly (`tokio@1.0.0-alpha.1`).
  return nodes.filter((node) => {
    const version = (graph.packages[node] as { version: string }).version;
    return valid(version) !== null && satisfies(version, range, { includePrerelease: prerelease(version) !== null && range.includes('-') });
  });
}

function toText(explained: readonly Explained[]): string {
  const lines: string[] = [];
  for (const { path, results } of explained) {
    if (results.length === 0) continue;
    lines.push(path);
    for (const { target, paths: routes, rootsReaching, pathLengths } of results) {
      lines.push(`  ${target.name} ${target.version}${target.source ? ` (${target.source.raw})` : ' (path)'}, line ${target.line}`);
      const members = rootsReaching.map((root) => root.name).join(', ') || 'none';
      lines.push(`    reached by ${rootsReaching.length} workspace member${rootsReaching.length === 1 ? '' : 's'}: ${members}`);
      routes.forEach((route, index) => {
        const steps = route.map((pkg) => `${pkg.name} ${pkg.version}`);
        // A path cut to its first and last steps says how many it left out.
        const hidden = (pathLengths[index] ?? route.length) - route.length;
        if (hidden > 0) steps.splice(Math.ceil(route.length / 2), 0, `… ${hidden} more …`);
        lines.push(`    ${steps.join(' → ')}`);
      });
    }
  }
  // Control and invisible characters from a lockfile reach the terminal as visible escapes.
  return lines.map(showInvisible).join('\n') + (lines.length ? '\n' : '');
}

function toJson(queryText: string, query: CrateQuery, explained: readonly Explained[]) {
  return {
    query: queryText,
    crate: query.name,
    range: query.range ?? null,
    lockfiles: explained.map(({ path, results }) => ({
      path,
      versions: results.map(({ target, paths: routes, rootsReaching, pathLengths }) => ({
        name: target.name,
        version: target.version,
        source: target.source?.raw ?? null,
        line: target.line,
        reachedBy: rootsReaching.map((root) => root.name),
        paths: routes.map((route, index) => ({
          steps: route.map((pkg) => ({ name: pkg.name, version: pkg.version })),
          length: pathLengths[index] ?? route.length,
        })),
      })),
    })),
  };
}
