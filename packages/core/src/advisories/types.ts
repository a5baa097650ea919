/** What an advisory says about its crate: the informational kinds, or `vulnerability` when it has none. */
export type AdvisoryKind = 'unmaintained' | 'unsound' | 'notice' | 'vulnerability';

/** One RustSec advisory, the fields runtime-guard reads (front matter of `crates/<crate>/RUSTSEC-*.md`). */
export interface Advisory {
  /** `RUSTSEC-YYYY-NNNN`. */
  readonly id: string;
  /** The crates.io crate it is about. */
  readonly package: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: AdvisoryKind;
  /** `YYYY-MM-DD` when the advisory was withdrawn: it then never matches. */
  readonly withdrawn?: string;
  /** Requirements of the fixed versions, as RustSec writes them (`">= 1.2.3, < 1.3"`). */
  readonly patched: readonly string[];
  /** Requirements of the versions never affected. */
  readonly unaffected: readonly string[];
  /** Only these operating systems are affected (empty: all). */
  readonly os: readonly string[];
  /** Only these CPU architectures are affected (empty: all). */
  readonly arch: readonly string[];
  /** The affected functions, as paths (`crate::Type::method`), without their version ranges. */
  readonly functions: readonly string[];
  /** CVE and GHSA ids. */
  readonly aliases: readonly string[];
  readonly url?: string;
  /** The advisory's Markdown title. */
  readonly title: string;
  /** Set for advisories imported from GitHub's database (`CC-BY-4.0`); the rest are CC0-1.0. */
  readonly license?: string;
  /** Crates the advisory text names as alternatives (links to crates.io or lib.rs under an "Alternative" heading). */
  readonly alternatives: readonly string[];
}

/** Which advisory data a report used. */
export interface AdvisorySource {
  /** `bundled`: the snapshot inside runtime-guard; `checkout`: a local advisory-db given at run time. */
  readonly kind: 'bundled' | 'checkout';
  /** The advisory-db commit, when known. */
  readonly commit?: string;
  /** `YYYY-MM-DD`: the commit's date, or the newest advisory's when no commit date is known. */
  readonly date: string;
  readonly count: number;
}
