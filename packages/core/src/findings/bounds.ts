import type { PathStep } from './types.js';

/**
 * Longest why-path a finding keeps, in steps: longer ones keep their first and last steps and the
 * full length beside them (`Finding.pathLengths`). A 20,000-crate chain reaching 2,000 versions of a
 * runtime would otherwise hold 40 million steps and make a JSON report of gigabytes.
 */
export const MAX_PATH_STEPS = 24;
/** Most why-paths one finding keeps; `Finding.pathCount` says how many there were. */
export const MAX_PATHS_PER_FINDING = 10;

/** Full lengths of paths already cut by whoever built them (the analysis context, from the graph). */
const fullLengths = new WeakMap<readonly PathStep[], number>();

/** Records that `path` is a cut of a path `length` steps long (its first and last steps). */
export function rememberPathLength(path: readonly PathStep[], length: number): readonly PathStep[] {
  if (length > path.length) fullLengths.set(path, length);
  return path;
}

/** A finding's paths within the bounds, with each one's full length and how many there were. */
export function boundPaths(paths: readonly (readonly PathStep[])[]): {
  paths: readonly (readonly PathStep[])[];
  pathLengths: readonly number[];
  pathCount: number;
} {
  const kept = paths.slice(0, MAX_PATHS_PER_FINDING);
  return {
    paths: kept.map(cutMiddle),
    pathLengths: kept.map((path) => fullLengths.get(path) ?? path.length),
    pathCount: paths.length,
  };
}

function cutMiddle(path: readonly PathStep[]): readonly PathStep[] {
  if (path.length <= MAX_PATH_STEPS) return path;
  return [...path.slice(0, Math.ceil(MAX_PATH_STEPS / 2)), ...path.slice(path.length - Math.floor(MAX_PATH_STEPS / 2))];
}
