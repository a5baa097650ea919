import { ManifestError } from './errors.js';
import { tableId } from './lines.js';
import { type ParsedManifest, parseManifest } from './parse.js';
import { globMatcher, isWithin, joinPath, manifestIn, normalizePath } from './paths.js';
import type { DependencyValue, ManifestShape } from './shape.js';
import type { Dependency, DependencyKind, ManifestProblem, PackageManifest, Workspace } from './types.js';

/** Manifest texts by repository-relative path (`crates/a/Cargo.toml`). */
export type ManifestTexts = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

const KIND_TABLES: readonly (readonly [string, DependencyKind])[] = [
  ['dependencies', 'normal'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
];

/**
 * Reads a workspace from its manifest texts: the root manifest in `root` (the lockfile's folder),
 * its members and the path packages they use. Pure; never throws for bad input: a manifest that cannot
 * be parsed, or a member without a manifest, becomes a problem naming the file.
 *
 * Membership follows Cargo's rules (https://doc.rust-lang.org/cargo/reference/workspaces.html):
 * `members` globs minus `exclude`, the root package, and path dependencies of members that reside in
 * the root's folder; without a `[workspace]` table the root package is the only member.
 *
 * @example
 * const workspace = readWorkspace({ 'Cargo.toml': rootText, 'server/Cargo.toml': serverText }, '');
 * workspace.members.map((member) => member.name);
 */
export function readWorkspace(texts: ManifestTexts, root: string): Workspace {
  const entries = texts instanceof Map ? [...texts.entries()] : Object.entries(texts as Record<string, string>);
  const problems: ManifestProblem[] = [];
  const parsed = new Map<string, ParsedManifest>();
  const normalized = new Map<string, string>();
  for (const [path, text] of entries) {
    const file = normalizePath(path);
    normalized.set(file, text);
    try {
      parsed.set(file, parseManifest(file, text));
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push(error.toProblem());
    }
  }
  const rootDir = normalizePath(root);
  const rootFile = manifestIn(rootDir);
  const rootManifest = parsed.get(rootFile);
  const packages = new Map<string, PackageManifest>();
  if (!rootManifest) {
    if (!problems.some((problem) => problem.file === rootFile)) {
      problems.push({ file: rootFile, message: `${rootFile}: the workspace's root manifest was not found` });
    }
    return { root: rootDir, members: [], defaultMembers: [], packages, patches: [], problems, texts: normalized };
  }
  const workspaceTable = rootManifest.data.workspace;
  const inheritance = inheritanceOf(rootManifest);
  for (const manifest of parsed.values()) {
    const pkg = toPackage(manifest, rootManifest, inheritance, problems);
    if (pkg) packages.set(pkg.file, pkg);
  }

  const memberFiles = new Set<string>();
  const rootPackage = packages.get(rootFile);
  if (rootPackage) memberFiles.add(rootFile);
  if (workspaceTable) {
    const excluded = (workspaceTable.exclude ?? []).map((pattern) => globMatcher(joinPath(rootDir, pattern)));
    const isExcluded = (dir: string) => excluded.length > 0 && excluded.some((match) => match(dir) || excludedBelow(dir, match));
    const byDir = new Map([...packages.values()].map((pkg) => [pkg.dir, pkg]));
    for (const pattern of workspaceTable.members ?? []) {
      const folder = joinPath(rootDir, pattern);
      let found: PackageManifest[];
      if (/[*?[]/.test(folder)) {
        const match = globMatcher(folder);
        found = [...packages.values()].filter((pkg) => match(pkg.dir) && !isExcluded(pkg.dir));
      } else {
        const pkg = byDir.get(folder);
        found = pkg && (excluded.length === 0 || !isExcluded(pkg.dir)) ? [pkg] : [];
      }
      if (found.length === 0 && !/[*?[]/.test(pattern)) {
        const file = manifestIn(joinPath(rootDir, pattern));
        if (!problems.some((problem) => problem.file === file)) {
          problems.push({
            file,
            key: 'workspace.members',
            message: `${rootFile}: workspace.members: member "${pattern}" has no manifest (${file} not found)`,
          });
        }
      }
      for (const pkg of found) memberFiles.add(pkg.file);
    }
    // The package whose manifest is `<folder>/Cargo.toml`, by folder: a dependency's path (a string
    // kept, its hash computed once) finds it without building `<path>/Cargo.toml` for each declaration.
    const manifestByDir = new Map<string, PackageManifest>();
    for (const pkg of packages.values()) if (pkg.file === manifestIn(pkg.dir)) manifestByDir.set(pkg.dir, pkg);
    // Path dependencies inside the root folder join the workspace, unless excluded; those outside do
    // not, nor do their own path dependencies: rust-lang/cargo@af373f76 src/workspace/workspace.rs:943-975
    // (`find_path_deps`).
    const queue = [...memberFiles];
    while (queue.length > 0) {
      const pkg = packages.get(queue.pop() as string);
      for (const dependency of pkg?.dependencies ?? []) {
        if (dependency.path === undefined) continue;
        const file = manifestByDir.get(dependency.path)?.file;
        if (file === undefined || memberFiles.has(file) || !isWithin(dependency.path, rootDir) || isExcluded(dependency.path)) continue;
        memberFiles.add(file);
        queue.push(file);
      }
    }
  }
  const members = [...memberFiles].map((file) => packages.get(file) as PackageManifest).sort(byName);
  let defaultMembers = members;
  const defaults = workspaceTable?.['default-members'];
  if (defaults) {
    const matchers = defaults.map((pattern) => globMatcher(joinPath(rootDir, pattern)));
    defaultMembers = members.filter((member) => matchers.some((match) => match(member.dir)));
  } else if (rootPackage && workspaceTable) defaultMembers = [rootPackage];
  // Without default-members: every member of a virtual workspace, else the root package
  // (rust-lang/cargo@af373f76 src/workspace/workspace.rs:933-937).
  const patches: Dependency[] = [];
  for (const [registry, table] of Object.entries(rootManifest.data.patch ?? {})) {
    for (const [key, value] of Object.entries(table)) {
      const dependency = toDependency(rootManifest, undefined, ['patch', registry], key, value, 'normal', problems);
      if (dependency) patches.push(dependency);
    }
  }
  return { root: rootDir, members, defaultMembers, packages, patches, problems, texts: normalized };
}

function excludedBelow(dir: string, match: (path: string) => boolean): boolean {
  // An excluded folder excludes what is below it too.
  let parent = dir;
  while (parent.includes('/')) {
    parent = parent.slice(0, parent.lastIndexOf('/'));
    if (match(parent)) return true;
  }
  return false;
}

function byName(a: PackageManifest, b: PackageManifest): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : 1;
}

/** What `workspace = true` inherits from: the root's `[workspace.dependencies]`, their lines and its folder. */
interface Inheritance {
  readonly dependencies: Readonly<Record<string, DependencyValue>> | undefined;
  readonly lines: ReadonlyMap<string, number> | undefined;
  readonly dir: string;
}

function inheritanceOf(root: ParsedManifest): Inheritance {
  return { dependencies: root.data.workspace?.dependencies, lines: root.lines.get(WORKSPACE_DEPENDENCIES), dir: root.dir };
}

function toPackage(
  manifest: ParsedManifest,
  root: ParsedManifest,
  inheritance: Inheritance,
  problems: ManifestProblem[],
): PackageManifest | undefined {
  const table = manifest.data.package;
  if (!table) return undefined;
  const inheritedVersion = root.data.workspace?.package?.version;
  const version = typeof table.version === 'string' ? table.version : table.version ? inheritedVersion : '0.0.0';
  const dependencies: Dependency[] = [];
  const data = manifest.data;
  const collect = (tables: Record<string, unknown>, prefix: readonly string[], target: string | undefined) => {
    for (const [tableName, kind] of KIND_TABLES) {
      const entries = tables[tableName] as Record<string, DependencyValue> | undefined;
      if (entries === undefined) continue;
      const table = [...prefix, tableName];
      const tableLines = manifest.lines.get(tableId(table));
      for (const key in entries) {
        const dependency = toDependency(
          manifest,
          inheritance,
          table,
          key,
          entries[key] as DependencyValue,
          kind,
          problems,
          target,
          tableLines,
        );
        if (dependency) dependencies.push(dependency);
      }
    }
  };
  collect(data as Record<string, unknown>, [], undefined);
  for (const [target, tables] of Object.entries(data.target ?? {})) collect(tables, ['target', target], target);
  return {
    file: manifest.file,
    dir: manifest.dir,
    name: table.name,
    ...(version !== undefined ? { version } : {}),
    dependencies,
    features: featureMap(data, dependencies),
  };
}

/**
 * `[features]` plus the implicit feature Cargo adds for each optional dependency that no feature names
 * with `dep:` and no feature of the same name hides: rust-lang/cargo@af373f76
 * src/workspace/summary.rs:224-241 (`build_feature_map`). That is not gated on the edition there: the
 * edition-2024 removal (RFC 3491, rust-lang/cargo#12826) is still open, and infinyon/fluvio's
 * fluvio-protocol (edition 2024) relies on it with `store = ["fluvio-future"]`.
 */
function featureMap(data: ManifestShape, dependencies: readonly Dependency[]): Map<string, readonly string[]> {
  const features = new Map<string, readonly string[]>(Object.entries(data.features ?? {}));
  const named = new Set<string>();
  for (const list of features.values()) for (const entry of list) if (entry.startsWith('dep:')) named.add(entry.slice(4));
  for (const dependency of dependencies) {
    if (!dependency.optional || dependency.kind === 'dev' || named.has(dependency.key) || features.has(dependency.key)) continue;
    features.set(dependency.key, [`dep:${dependency.key}`]);
  }
  return features;
}

function toDependency(
  manifest: ParsedManifest,
  inheritance: Inheritance | undefined,
  table: readonly string[],
  key: string,
  value: DependencyValue,
  kind: DependencyKind,
  problems: ManifestProblem[],
  target?: string,
  tableLines: ReadonlyMap<string, number> | undefined = manifest.lines.get(tableId(table)),
): Dependency | undefined {
  const line = tableLines?.get(key) ?? 0;
  let version: string | undefined;
  let path: string | undefined;
  let rename: string | undefined;
  let optional = false;
  let defaultFeatures = true;
  let features: readonly string[] = NO_FEATURES;
  let pathBase = manifest.dir;
  let inheritedLine: number | undefined;
  if (typeof value === 'string') version = value;
  else if (value.workspace === true) {
    // Inheritance: https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#inheriting-a-dependency-from-a-workspace
    // (features add to the workspace's, `optional` is the member's, paths are relative to the root).
    const inherited = inheritance?.dependencies?.[key];
    if (inherited === undefined) {
      const keyPath = [...table, key].join('.');
      problems.push({
        file: manifest.file,
        ...(line ? { line } : {}),
        key: keyPath,
        message: `${manifest.file}${line ? `:${line}` : ''}: ${keyPath}: "workspace = true" but the root manifest has no workspace.dependencies.${key}`,
      });
      return undefined;
    }
    pathBase = inheritance?.dir ?? '';
    inheritedLine = inheritance?.lines?.get(key) ?? 0;
    optional = value.optional === true;
    const memberDefault = value['default-features'] ?? value.default_features;
    if (typeof inherited === 'string') version = inherited;
    else {
      version = inherited.version;
      path = inherited.path;
      rename = inherited.package;
      defaultFeatures = (inherited['default-features'] ?? inherited.default_features) === false ? memberDefault === true : true;
      if (inherited.features) features = inherited.features;
    }
    if (value.features && value.features.length > 0) features = features.length > 0 ? [...features, ...value.features] : value.features;
  } else {
    version = value.version;
    path = value.path;
    rename = value.package;
    optional = value.optional === true;
    defaultFeatures = (value['default-features'] ?? value.default_features) !== false;
    if (value.features) features = value.features;
  }
  const dependency: { -readonly [K in keyof Dependency]: Dependency[K] } = {
    key,
    name: rename ?? key,
    kind,
    optional,
    defaultFeatures,
    features,
    line,
  };
  if (target !== undefined) dependency.target = target;
  if (inheritedLine !== undefined) dependency.inheritedLine = inheritedLine;
  if (version !== undefined) dependency.version = version;
  if (path !== undefined) dependency.path = joinPath(pathBase, path);
  return dependency;
}

const NO_FEATURES: readonly string[] = Object.freeze([]);
const WORKSPACE_DEPENDENCIES = tableId(['workspace', 'dependencies']);

/** What a manifest points at that a reader must fetch too: its members and path dependencies. */
export interface ManifestReferences {
  /** Manifests named exactly: path dependencies, `[patch]` paths, members without wildcards. */
  readonly files: readonly string[];
  /** `members` patterns with wildcards, relative to the root (expand them against the files that exist). */
  readonly globs: readonly string[];
  /** `exclude` patterns, relative to the root. */
  readonly excludes: readonly string[];
}

/**
 * The manifests one manifest leads to, for readers that fetch them one by one (from disk, git or an
 * API): path dependencies in every dependency table, `[workspace.dependencies]` and `[patch]`, and the
 * root's members. Paths are joined to the manifest's folder and normalized. A text that cannot be
 * parsed leads nowhere (the audit reports it).
 *
 * @example
 * manifestReferences('Cargo.toml', '[workspace]\nmembers = ["crates/*"]\n').globs; // ['crates/*']
 */
export function manifestReferences(file: string, text: string): ManifestReferences {
  let parsed: ParsedManifest;
  try {
    parsed = parseManifest(normalizePath(file), text);
  } catch (error) {
    if (error instanceof ManifestError) return { files: [], globs: [], excludes: [] };
    throw error;
  }
  const dir = parsed.dir;
  const files = new Set<string>();
  const globs: string[] = [];
  const addPath = (path: string | undefined, base = dir) => {
    if (path !== undefined) files.add(manifestIn(joinPath(base, path)));
  };
  const tables = (owner: Record<string, unknown>) => {
    for (const [name] of KIND_TABLES) {
      for (const value of Object.values((owner[name] as Record<string, DependencyValue> | undefined) ?? {})) {
        if (typeof value !== 'string') addPath(value.path);
      }
    }
  };
  const data = parsed.data;
  tables(data as Record<string, unknown>);
  for (const target of Object.values(data.target ?? {})) tables(target);
  for (const value of Object.values(data.workspace?.dependencies ?? {})) if (typeof value !== 'string') addPath(value.path);
  for (const table of Object.values(data.patch ?? {}))
    for (const value of Object.values(table)) if (typeof value !== 'string') addPath(value.path);
  for (const member of data.workspace?.members ?? []) {
    if (/[*?[]/.test(member)) globs.push(joinPath(dir, member));
    else addPath(member);
  }
  return { files: [...files], globs, excludes: (data.workspace?.exclude ?? []).map((pattern) => joinPath(dir, pattern)) };
}
