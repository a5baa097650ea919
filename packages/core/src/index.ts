/**
 * @runtime-guard/core — parse Cargo.lock files, build the dependency graph and explain why a crate
 * is there. Pure functions over plain data: no file system, network or process access.
 *
 * @packageDocumentation
 */

export { buildGraph, type Graph } from './graph/build.js';
export { type WhyPathsOptions, type WhyResult, whyNode, whyPaths } from './graph/why.js';
export { formatLocation, LockfileError, type LockfileErrorCode, type SourceLocation } from './lockfile/errors.js';
export { DEFAULT_MAX_LOCKFILE_BYTES, type ParseLockfileOptions, parseLockfile } from './lockfile/parse.js';
export { type GitReference, parseSource, type Source, type SourceKind } from './lockfile/source.js';
export {
  type Lockfile,
  type LockfileFormat,
  type Package,
  type PackageId,
  packageId,
  type UnusedPatch,
} from './lockfile/types.js';
