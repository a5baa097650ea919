/** How a dependency is declared: the table it sits in. */
export type DependencyKind = 'normal' | 'build' | 'dev';

/** One dependency declaration of a manifest, after `workspace = true` inheritance. */
export interface Dependency {
  /** The key in the manifest: the name features and `dep:` refer to (a rename's new name). */
  readonly key: string;
  /** The package it names: `package = "…"` when renamed, else the key. */
  readonly name: string;
  readonly kind: DependencyKind;
  /** The `cfg(…)` or target triple of a `[target.'…'.*]` table; absent for every target. */
  readonly target?: string;
  readonly optional: boolean;
  /** `default-features` (or `default_features`); true unless written false. */
  readonly defaultFeatures: boolean;
  readonly features: readonly string[];
  /** The version requirement as written, when there is one. */
  readonly version?: string;
  /** The dependency's manifest folder, repository-relative, for a `path` dependency. */
  readonly path?: string;
  /** 1-based line of the declaration (the `key = …` line or the `[…dependencies.key]` header); 0 when not found. */
  readonly line: number;
  /** Written `workspace = true`: the root manifest's `[workspace.dependencies]` line it inherits from (0 when not found). */
  readonly inheritedLine?: number;
}

/** A `[package]` manifest: what feature resolution needs of it. */
export interface PackageManifest {
  /** Repository-relative path of the Cargo.toml. */
  readonly file: string;
  /** Folder of the manifest ('' for the repository root). */
  readonly dir: string;
  readonly name: string;
  /** The version, or undefined when it is inherited and the root gives none. */
  readonly version?: string;
  readonly dependencies: readonly Dependency[];
  /** `[features]`, with the implicit features of optional dependencies added the way Cargo adds them. */
  readonly features: ReadonlyMap<string, readonly string[]>;
}

/** A problem with one manifest: the file (and key) and what was expected. */
export interface ManifestProblem {
  readonly file: string;
  readonly line?: number;
  readonly key?: string;
  /** `file:line: reason`, for a person. */
  readonly message: string;
}

/** A workspace as its manifests describe it. */
export interface Workspace {
  /** Folder of the root manifest ('' for the repository root): the lockfile's folder. */
  readonly root: string;
  /** Members: package manifests of the workspace, sorted by name. */
  readonly members: readonly PackageManifest[];
  /** `default-members` (or the root package, or every member), the set `cargo build` builds. */
  readonly defaultMembers: readonly PackageManifest[];
  /** Every package manifest read (members and path dependencies outside them), by file. */
  readonly packages: ReadonlyMap<string, PackageManifest>;
  /** `[patch.*]` entries of the root: registry names replaced by path packages. */
  readonly patches: readonly Dependency[];
  readonly problems: readonly ManifestProblem[];
  /** The manifest texts read, by normalized repository-relative path: what exact edits quote. */
  readonly texts: ReadonlyMap<string, string>;
}
