/** The async runtime families runtime-guard knows. */
export type RuntimeFamilyId = 'tokio' | 'async-std' | 'smol' | 'embassy' | 'glommio' | 'monoio' | 'compio' | 'nio' | 'ntex';

/** One runtime family: which crates prove its executor is there, which are mere building blocks. */
export interface RuntimeFamily {
  readonly id: RuntimeFamilyId;
  readonly name: string;
  /** Crates whose presence means this runtime's executor is in the build. */
  readonly executors: readonly string[];
  /** Crates runtime-agnostic libraries pull in; alone, never a second runtime. */
  readonly buildingBlocks: readonly string[];
  /**
   * Version lines of the executor that run separate, incompatible reactors (tokio 0.1, 0.2, 0.3, 1).
   * Each is a semver range; two lines present at once means two reactors.
   */
  readonly incompatibleLines?: readonly { readonly label: string; readonly versions: string }[];
  /**
   * True when the executor crate can be compiled without its executor (tokio with only its I/O
   * types): then it counts as running only with evidence from {@link RunningEvidence} edges.
   */
  readonly needsEvidence?: boolean;
  /** Set when the runtime's maintainers discontinued it: never the primary while another runs. */
  readonly discontinued?: { readonly since: string; readonly advisory: string; readonly source: string };
  /** The maintained line to move to (`tokio 1`): what advice names, never an old line. */
  readonly maintainedTarget: string;
  readonly source: string;
}

/** A dependency edge of an executor crate that exists only when its executor is compiled in. */
export interface RunningEvidence {
  readonly family: RuntimeFamilyId;
  /** The executor crate and the versions the edge is known for (semver range). */
  readonly crate: string;
  readonly versions: string;
  /** The dependency whose presence proves it. */
  readonly dependsOn: string;
  /** In our words: which features bring the edge. */
  readonly why: string;
  readonly source: string;
}

/** A crate known to start a runtime of the family it depends on (`actix-rt` builds a tokio runtime). */
export interface RuntimeStarter {
  readonly crate: string;
  readonly versions: string;
  readonly family: RuntimeFamilyId;
  readonly why: string;
  readonly source: string;
}

/**
 * A runtime's own machinery: an executor crate of one family that another runtime depends on to run
 * (async-std 1.6 runs on smol 0.1): one runtime, counted as the owner's.
 */
export interface RuntimeMachinery {
  readonly owner: RuntimeFamilyId;
  readonly ownerCrate: string;
  readonly ownerVersions: string;
  readonly crate: string;
  readonly versions: string;
  readonly source: string;
}

/** A crate that belongs to one version line of a runtime even without its main crate (tokio-core: tokio 0.1). */
export interface LineCrate {
  readonly family: RuntimeFamilyId;
  readonly line: string;
  readonly crate: string;
  /** True when the crate holds a reactor or executor of that line; false for its I/O types or traits only. */
  readonly runs: boolean;
  readonly source: string;
}

/** What a framework, server or client needs to run. */
export type RuntimeNeed =
  | { readonly runtime: RuntimeFamilyId; readonly through: readonly string[] }
  /** Synchronous: no async runtime at all. */
  | { readonly runtime: 'none'; readonly through: readonly string[] }
  /** Runs on whichever runtime an adapter crate selects (the adapter is listed separately). */
  | { readonly runtime: 'adapter'; readonly through: readonly string[] };

export type FrameworkKind = 'framework' | 'http-library' | 'server' | 'client' | 'runtime-adapter';

/** A web framework, HTTP server or client, with the runtime each version line needs. */
export interface Framework {
  readonly crate: string;
  readonly name: string;
  readonly kind: FrameworkKind;
  /** First matching entry wins; `versions` is a semver range (prereleases included). */
  readonly lines: readonly ({ readonly versions: string } & RuntimeNeed)[];
  /** What to use instead when this one does not fit the primary runtime. */
  readonly useInstead: readonly string[];
  readonly source: string;
}

/** A crate (or some versions of it) a team is better off without. */
export interface DiscouragedCrate {
  readonly crate: string;
  /** semver range; `*` for every version. */
  readonly versions: string;
  /** Short, in our words. */
  readonly reason: string;
  /** ISO date from which the advice holds, when one is known. */
  readonly since?: string;
  readonly advisories: readonly string[];
  readonly useInstead: readonly string[];
  readonly source: string;
}

/**
 * A crate that selects its runtime by Cargo features, for one version range. The feature lists of
 * the families line up by index: `features.tokio[i]` replaces `features['async-std'][i]` (the same
 * TLS or transport variant on the other runtime); the first of each list is the plain switch.
 */
export interface RuntimeSwitch {
  readonly crate: string;
  /** semver range the features below are verified for. */
  readonly versions: string;
  /** Per runtime family, the features that select it, lined up by index across families. */
  readonly features: Readonly<Partial<Record<RuntimeFamilyId, readonly string[]>>>;
  /** The crate's `default` features, as its Cargo.toml lists them. */
  readonly defaultFeatures: readonly string[];
  readonly source: string;
}

/** A crate bound to one runtime with no feature to change it: what to use instead on another runtime. */
export interface RuntimeReplacement {
  readonly crate: string;
  readonly versions: string;
  /** The runtime family the crate is bound to. */
  readonly runtime: RuntimeFamilyId;
  /** Per family to keep, what to use instead, each sourced. */
  readonly useInstead: Readonly<Partial<Record<RuntimeFamilyId, readonly ReplacementTarget[]>>>;
  /** Where the binding to `runtime` is shown (the crate's Cargo.toml at a version in range). */
  readonly source: string;
}

/** One crate (or a version or feature of one) to move to. */
export interface ReplacementTarget {
  /** `astral-tokio-tar`, `hickory-resolver`. */
  readonly crate: string;
  /** Said after the name: `with its \`tokio\` feature`, `0.4 or later with \`runtime-tokio\``. */
  readonly how?: string;
  readonly source: string;
}

/** What to use instead of a crate an advisory is about, when the advisory's text links no alternative. */
export interface ReplacementHint {
  readonly crate: string;
  readonly useInstead: readonly string[];
  readonly source: string;
}
