/** The async runtime families runtime-guard knows. */
export type RuntimeFamilyId = 'tokio' | 'async-std' | 'smol' | 'embassy' | 'glommio' | 'monoio' | 'compio';

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
