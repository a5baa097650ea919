import { z } from 'zod';

/**
 * The shape of a `[[package]]` table as Cargo writes it. Keys Cargo may add in the future are
 * kept out of the result but do not fail the parse (Cargo itself ignores keys it does not know).
 */
export const rawPackageSchema = z.object({
  name: z.string().min(1, 'must not be empty'),
  version: z.string().min(1, 'must not be empty'),
  source: z.string().min(1, 'must not be empty').optional(),
  checksum: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  replace: z.string().optional(),
});

/** The top level of a Cargo.lock file, every format from v1 to v4. */
export const rawLockfileSchema = z.object({
  version: z.number().int().optional(),
  package: z.array(rawPackageSchema).optional(),
  /** Format v1 only: the root package lived in its own table. */
  root: rawPackageSchema.optional(),
  /** Format v1 only: `"checksum name version (source)" = "sha256"`. */
  metadata: z.record(z.string(), z.string()).optional(),
  patch: z
    .object({
      unused: z.array(rawPackageSchema).optional(),
    })
    .optional(),
});

export type RawPackage = z.infer<typeof rawPackageSchema>;
export type RawLockfile = z.infer<typeof rawLockfileSchema>;
