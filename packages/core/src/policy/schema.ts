import validRange from 'semver/ranges/valid.js';
import { z } from 'zod';
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
  const crateName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a crate name (letters, digits, "-" and "_")');
  const versionRange = z
    .string()
    .refine(
      (range) => validRange(range, { includePrerelease: true }) !== null,
      'must be a semver range such as "*", "<1" or ">=0.2, <0.3"',
    );
  /** A TOML date (`2027-01-31`) or the same as a string; kept as `YYYY-MM-DD`. */
  const isoDate = z
    .union([z.date(), z.string()])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date written YYYY-MM-DD');
  const severityOrOff = z.enum(['error', 'warning', 'notice', 'off']);
  const advisoryId = z.string().regex(/^RUSTSEC-\d{4}-\d{4}$/, 'must be a RustSec advisory id such as RUSTSEC-2025-0052');

  return z.strictObject({
    runtime: runtimeId.optional(),
    'allowed-runtimes': z.array(runtimeId).optional(),
    scope: z
      .strictObject({
        dev: z.enum(['ignore', 'notice', 'same']).optional(),
        targets: z.array(z.string().min(1, 'must be a cfg(…) or a target triple')).optional(),
        runtimes: z.enum(['per-member', 'per-workspace']).optional(),
      })
      .optional(),
    severity: z
      .strictObject(
        Object.fromEntries(RULE_IDS.map((id) => [id, severityOrOff.optional()])) as Record<RuleId, z.ZodOptional<typeof severityOrOff>>,
      )
      .optional(),
    discouraged: z
      .array(
        z.strictObject({
          crate: crateName,
          versions: versionRange.default('*'),
          reason: z.string().min(1, 'must say why'),
          'use-instead': z.array(z.string()).default([]),
          since: isoDate.optional(),
          advisory: z.string().optional(),
        }),
      )
      .default([]),
    allow: z
      .array(
        z.strictObject({
          crate: crateName,
          versions: versionRange.default('*'),
          reason: z.string().min(1, 'must say why the exception is there'),
          expires: isoDate.optional(),
          via: z.array(crateName).min(1, 'must name at least one crate').optional(),
          rules: z.array(z.enum(RULE_IDS)).min(1).optional(),
        }),
      )
      .default([]),
    advisories: z
      .strictObject({
        scope: z.enum(['runtime', 'all', 'off']).default('all'),
        vulnerabilities: z.boolean().default(false),
        severity: z
          .record(
            z
              .string()
              .regex(
                /^[A-Za-z0-9_-]+$/,
                'must be an advisory id (RUSTSEC-YYYY-NNNN), a crate name or a kind (unmaintained, unsound, notice, vulnerability)',
              ),
            severityOrOff,
          )
          .default({}),
        ignore: z
          .array(
            z.strictObject({
              id: advisoryId,
              reason: z.string().min(1, 'must say why the advisory is ignored'),
              expires: isoDate.optional(),
            }),
          )
          .default([]),
      })
      .optional(),
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
