import validRange from 'semver/ranges/valid.js';
import * as z from 'zod/mini';
import type { RuleId } from '../findings/types.js';
import type { RuntimeFamilyId } from '../knowledge/types.js';

export const RUNTIME_FAMILY_IDS = [
  'tokio',
  'async-std',
  'smol',
  'embassy',
  'glommio',
  'monoio',
  'compio',
  'nio',
  'ntex',
] as const satisfies readonly RuntimeFamilyId[];
export const RULE_IDS = [
  'multiple-runtimes',
  'runtime-version-split',
  'framework-runtime-mismatch',
  'discouraged-crate',
  'disallowed-runtime',
  'rustsec-advisory',
  'expired-exception',
] as const satisfies readonly RuleId[];

function buildPolicyFileSchema() {
  const runtimeId = z.enum(RUNTIME_FAMILY_IDS);
  const crateName = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'must be a crate name (letters, digits, "-" and "_")'));
  const versionRange = z
    .string()
    .check(
      z.refine(
        (range) => validRange(range, { includePrerelease: true }) !== null,
        'must be a semver range such as "*", "<1" or ">=0.2, <0.3"',
      ),
    );
  /** A TOML date (`2027-01-31`) or the same as a string; kept as `YYYY-MM-DD`. */
  const isoDate = z
    .pipe(
      z.union([z.date(), z.string()]),
      z.transform((value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
    )
    .check(z.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date written YYYY-MM-DD'));
  const severityOrOff = z.enum(['error', 'warning', 'notice', 'off']);
  const advisoryId = z.string().check(z.regex(/^RUSTSEC-\d{4}-\d{4}$/, 'must be a RustSec advisory id such as RUSTSEC-2025-0052'));
  const said = (message: string) => z.string().check(z.minLength(1, message));

  return z.strictObject({
    runtime: z.optional(runtimeId),
    'allowed-runtimes': z.optional(z.array(runtimeId)),
    scope: z.optional(
      z.strictObject({
        dev: z.optional(z.enum(['ignore', 'notice', 'same'])),
        targets: z.optional(z.array(said('must be a cfg(…) or a target triple'))),
        runtimes: z.optional(z.enum(['per-member', 'per-workspace'])),
      }),
    ),
    severity: z.optional(
      z.strictObject(
        Object.fromEntries(RULE_IDS.map((id) => [id, z.optional(severityOrOff)])) as Record<
          RuleId,
          z.ZodMiniOptional<typeof severityOrOff>
        >,
      ),
    ),
    discouraged: z._default(
      z.array(
        z.strictObject({
          crate: crateName,
          versions: z._default(versionRange, '*'),
          reason: said('must say why'),
          'use-instead': z._default(z.array(z.string()), []),
          since: z.optional(isoDate),
          advisory: z.optional(z.string()),
        }),
      ),
      [],
    ),
    allow: z._default(
      z.array(
        z.strictObject({
          crate: crateName,
          versions: z._default(versionRange, '*'),
          reason: said('must say why the exception is there'),
          expires: z.optional(isoDate),
          via: z.optional(z.array(crateName).check(z.minLength(1, 'must name at least one crate'))),
          rules: z.optional(z.array(z.enum(RULE_IDS)).check(z.minLength(1))),
        }),
      ),
      [],
    ),
    advisories: z.optional(
      z.strictObject({
        scope: z._default(z.enum(['runtime', 'all', 'off']), 'all'),
        vulnerabilities: z._default(z.boolean(), false),
        severity: z._default(
          z.record(
            z
              .string()
              .check(
                z.regex(
                  /^[A-Za-z0-9_-]+$/,
                  'must be an advisory id (RUSTSEC-YYYY-NNNN), a crate name or a kind (unmaintained, unsound, notice, vulnerability)',
                ),
              ),
            severityOrOff,
          ),
          {},
        ),
        ignore: z._default(
          z.array(
            z.strictObject({
              id: advisoryId,
              reason: said('must say why the advisory is ignored'),
              expires: z.optional(isoDate),
            }),
          ),
          [],
        ),
      }),
    ),
  });
}

let policySchema: ReturnType<typeof buildPolicyFileSchema> | undefined;

/**
 * The zod schema of the `runtime-guard.toml` file as written (kebab-case keys), built on first use:
 * building it costs milliseconds of a fresh process, and an audit without a policy file never needs it.
 */
export function policyFileSchema(): ReturnType<typeof buildPolicyFileSchema> {
  policySchema ??= buildPolicyFileSchema();
  return policySchema;
}

export type PolicyFile = z.infer<ReturnType<typeof buildPolicyFileSchema>>;

/** An exception from `[[allow]]`: findings about this crate are not reported while it applies. */
export interface AllowException {
  readonly crate: string;
  readonly versions: string;
  readonly reason: string;
  /** `YYYY-MM-DD`; from the day after, the exception no longer applies and a notice says so. */
  readonly expires?: string;
  /** Applies only when every crate that depends directly on the package is one of these. */
  readonly via?: readonly string[];
  /** Applies only to these rules; every rule when absent. */
  readonly rules?: readonly RuleId[];
  /** Where it was written, for messages. */
  readonly origin: string;
}

/** A team's own discouraged crate from `[[discouraged]]`. */
export interface PolicyDiscouragedCrate {
  readonly crate: string;
  readonly versions: string;
  readonly reason: string;
  readonly useInstead: readonly string[];
  readonly since?: string;
  readonly advisory?: string;
  readonly origin: string;
}

/** An `[[advisories.ignore]]` entry: the advisory is not reported while it applies. */
export interface AdvisoryIgnore {
  readonly id: string;
  readonly reason: string;
  /** `YYYY-MM-DD`; from the day after, the advisory is reported again and a notice says so. */
  readonly expires?: string;
  readonly origin: string;
}

/** The `[advisories]` table: which RustSec advisories the `rustsec-advisory` rule reports. */
export interface AdvisoryPolicy {
  /** `all` (default): every informational advisory; `runtime`: only the runtime and web stack's; `off`: none. */
  readonly scope: 'runtime' | 'all' | 'off';
  /** Report vulnerabilities too (default false: cargo-audit / cargo-deny do the security audit). */
  readonly vulnerabilities: boolean;
  /** Severity by advisory id, crate name or kind, in that order of precedence; `off` drops the finding. */
  readonly severity: Readonly<Record<string, 'error' | 'warning' | 'notice' | 'off'>>;
  readonly ignore: readonly AdvisoryIgnore[];
}

/**
 * `[scope]`: which builds count when the workspace's manifests are read.
 * - `dev`: a runtime reached only through dev-dependencies is not reported (`ignore`), a notice
 *   (`notice`, the default), or counts as if it shipped (`same`).
 * - `targets`: the `cfg(…)`s or target triples that are shipped; a runtime reached only under other
 *   target tables is a notice. Absent: every target counts.
 * - `runtimes`: `per-member` (default) reports runtimes of different members as a warning (separate
 *   builds); `per-workspace` makes any two runtimes in the workspace an error.
 */
export interface PolicyScope {
  readonly dev?: 'ignore' | 'notice' | 'same';
  readonly targets?: readonly string[];
  readonly runtimes?: 'per-member' | 'per-workspace';
}

/** A validated policy, the form `analyze` reads. */
export interface Policy {
  /** The primary runtime; absent means the one most workspace members reach (tokio on a tie). */
  readonly runtime?: RuntimeFamilyId;
  /** Runtimes allowed in the build; absent means any (then only `multiple-runtimes` speaks). */
  readonly allowedRuntimes?: readonly RuntimeFamilyId[];
  /** How the workspace's manifests scope the runtime findings (used only when manifests are read). */
  readonly scope?: PolicyScope;
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly severity: Readonly<Partial<Record<RuleId, 'error' | 'warning' | 'notice' | 'off'>>>;
  readonly discouraged: readonly PolicyDiscouragedCrate[];
  readonly allow: readonly AllowException[];
  /** The `[advisories]` table; absent means its defaults. */
  readonly advisories?: AdvisoryPolicy;
  /** The file it was read from, when it was read from one. */
  readonly fileName?: string;
}
