import { z } from 'zod';

/**
 * The shape of a `[[package]]` table as Cargo writes it. Keys Cargo may add in the future are
 * kept out of the result but do not fail the parse (Cargo itself ignores keys it does not know).
 */
function buildPackageSchema() {
  return z.object({
    name: z.string().min(1, 'must not be empty'),
    version: z.string().min(1, 'must not be empty'),
    source: z.string().min(1, 'must not be empty').optional(),
    checksum: z.string().optional(),
    dependencies: z.array(z.string()).optional(),
    replace: z.string().optional(),
  });
}

/** The top level of a Cargo.lock file, every format from v1 to v4. */
function buildLockfileSchema() {
  const rawPackage = buildPackageSchema();
  return z.object({
    version: z.number().int().optional(),
    package: z.array(rawPackage).optional(),
    /** Format v1 only: the root package lived in its own table. */
    root: rawPackage.optional(),
    /** Format v1 only: `"checksum name version (source)" = "sha256"`. */
    metadata: z.record(z.string(), z.string()).optional(),
    patch: z
      .object({
        unused: z.array(rawPackage).optional(),
      })
      .optional(),
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
