import * as z from 'zod/mini';

const nonEmpty = () => z.string().check(z.minLength(1, 'must not be empty'));

/**
 * The shape of a `[[package]]` table as Cargo writes it. Keys Cargo may add in the future are
 * kept out of the result but do not fail the parse (Cargo itself ignores keys it does not know).
 */
function buildPackageSchema() {
  return z.object({
    name: nonEmpty(),
    version: nonEmpty(),
    source: z.optional(nonEmpty()),
    checksum: z.optional(z.string()),
    dependencies: z.optional(z.array(z.string())),
    replace: z.optional(z.string()),
  });
}

/** The top level of a Cargo.lock file, every format from v1 to v4. */
function buildLockfileSchema() {
  const rawPackage = buildPackageSchema();
  return z.object({
    version: z.optional(z.int()),
    package: z.optional(z.array(rawPackage)),
    /** Format v1 only: the root package lived in its own table. */
    root: z.optional(rawPackage),
    /** Format v1 only: `"checksum name version (source)" = "sha256"`. */
    metadata: z.optional(z.record(z.string(), z.string())),
    patch: z.optional(z.object({ unused: z.optional(z.array(rawPackage)) })),
  });
}

let lockfileSchema: ReturnType<typeof buildLockfileSchema> | undefined;

/**
 * The zod schema of a whole Cargo.lock document, built on first use: building it costs milliseconds
 * in a fresh process, and a lockfile as Cargo writes it never needs it (`readCargoWrittenLockfile`).
 */
export function rawLockfileSchema(): ReturnType<typeof buildLockfileSchema> {
  lockfileSchema ??= buildLockfileSchema();
  return lockfileSchema;
}

export type RawPackage = z.infer<ReturnType<typeof buildPackageSchema>>;
export type RawLockfile = z.infer<ReturnType<typeof buildLockfileSchema>>;
