import { z } from 'zod';

/**
 * The parts of a Cargo.toml that dependency reach needs, validated loosely: every other key passes
 * through unchecked (Cargo owns the full format; runtime-guard only reads what decides reach).
 * Field names follow https://doc.rust-lang.org/cargo/reference/manifest.html and
 * https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html.
 */
const stringList = z.array(z.string());

export const dependencyDetailShape = z.looseObject({
  version: z.string().optional(),
  path: z.string().optional(),
  git: z.string().optional(),
  package: z.string().optional(),
  optional: z.boolean().optional(),
  features: stringList.optional(),
  'default-features': z.boolean().optional(),
  default_features: z.boolean().optional(),
  workspace: z.boolean().optional(),
});

export const dependencyShape = z.union([z.string(), dependencyDetailShape]);
export type DependencyValue = z.infer<typeof dependencyShape>;

const dependencyTable = z.record(z.string(), dependencyShape);

const dependencyTables = {
  dependencies: dependencyTable.optional(),
  'dev-dependencies': dependencyTable.optional(),
  dev_dependencies: dependencyTable.optional(),
  'build-dependencies': dependencyTable.optional(),
  build_dependencies: dependencyTable.optional(),
};

export const manifestShape = z.looseObject({
  package: z
    .looseObject({
      name: z.string(),
      edition: z.union([z.string(), z.looseObject({ workspace: z.literal(true) })]).optional(),
      // A version may be inherited: `version.workspace = true`.
      version: z.union([z.string(), z.looseObject({ workspace: z.literal(true) })]).optional(),
    })
    .optional(),
  workspace: z
    .looseObject({
      members: stringList.optional(),
      exclude: stringList.optional(),
      'default-members': stringList.optional(),
      package: z.looseObject({ version: z.string().optional(), edition: z.string().optional() }).optional(),
      dependencies: dependencyTable.optional(),
    })
    .optional(),
  features: z.record(z.string(), stringList).optional(),
  target: z.record(z.string(), z.looseObject(dependencyTables)).optional(),
  patch: z.record(z.string(), dependencyTable).optional(),
  ...dependencyTables,
});

export type ManifestShape = z.infer<typeof manifestShape>;
