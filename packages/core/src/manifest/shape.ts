import * as z from 'zod/mini';

/**
 * The parts of a Cargo.toml that dependency reach needs, validated loosely: every other key passes
 * through unchecked (Cargo owns the full format; runtime-guard only reads what decides reach).
 * Field names follow https://doc.rust-lang.org/cargo/reference/manifest.html and
 * https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html.
 */
function buildDependencyShape() {
  const stringList = z.array(z.string());
  const detail = z.looseObject({
    version: z.optional(z.string()),
    path: z.optional(z.string()),
    git: z.optional(z.string()),
    package: z.optional(z.string()),
    optional: z.optional(z.boolean()),
    features: z.optional(stringList),
    'default-features': z.optional(z.boolean()),
    default_features: z.optional(z.boolean()),
    workspace: z.optional(z.boolean()),
  });
  return z.union([z.string(), detail]);
}

function buildManifestShape() {
  const stringList = z.array(z.string());
  const dependencyTable = z.record(z.string(), buildDependencyShape());
  const dependencyTables = {
    dependencies: z.optional(dependencyTable),
    'dev-dependencies': z.optional(dependencyTable),
    dev_dependencies: z.optional(dependencyTable),
    'build-dependencies': z.optional(dependencyTable),
    build_dependencies: z.optional(dependencyTable),
  };
  // A version or edition may be inherited: `version.workspace = true`.
  const inheritable = () => z.optional(z.union([z.string(), z.looseObject({ workspace: z.literal(true) })]));
  return z.looseObject({
    package: z.optional(z.looseObject({ name: z.string(), edition: inheritable(), version: inheritable() })),
    workspace: z.optional(
      z.looseObject({
        members: z.optional(stringList),
        exclude: z.optional(stringList),
        'default-members': z.optional(stringList),
        package: z.optional(z.looseObject({ version: z.optional(z.string()), edition: z.optional(z.string()) })),
        dependencies: z.optional(dependencyTable),
      }),
    ),
    features: z.optional(z.record(z.string(), stringList)),
    target: z.optional(z.record(z.string(), z.looseObject(dependencyTables))),
    patch: z.optional(z.record(z.string(), dependencyTable)),
    ...dependencyTables,
  });
}

export type DependencyValue = z.infer<ReturnType<typeof buildDependencyShape>>;

let manifestSchema: ReturnType<typeof buildManifestShape> | undefined;

/**
 * The zod schema of a manifest, built on first use: a manifest the quick check
 * ({@link checkManifestShape}) accepts never needs it; it words the error for one that it refuses.
 */
export function manifestShape(): ReturnType<typeof buildManifestShape> {
  manifestSchema ??= buildManifestShape();
  return manifestSchema;
}

export type ManifestShape = z.infer<ReturnType<typeof buildManifestShape>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
const optionalOf = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isInheritable = (value: unknown) => typeof value === 'string' || (isObject(value) && value.workspace === true);

function isDependency(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!isObject(value)) return false;
  for (const key of ['version', 'path', 'git', 'package']) if (!optionalOf(value[key], (item) => typeof item === 'string')) return false;
  for (const key of ['optional', 'default-features', 'default_features', 'workspace'])
    if (!optionalOf(value[key], (item) => typeof item === 'boolean')) return false;
  return optionalOf(value.features, isStringList);
}

function isDependencyTable(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObject(value)) return false;
  for (const key in value) if (!isDependency(value[key])) return false;
  return true;
}

function hasDependencyTables(value: Record<string, unknown>): boolean {
  return (
    isDependencyTable(value.dependencies) &&
    isDependencyTable(value['dev-dependencies']) &&
    isDependencyTable(value.dev_dependencies) &&
    isDependencyTable(value['build-dependencies']) &&
    isDependencyTable(value.build_dependencies)
  );
}

/**
 * The same checks as {@link manifestShape}, by hand: a manifest is read on every audit, and zod costs
 * several times the TOML parse on a large workspace. Returns the value typed when it passes, undefined
 * otherwise (the caller then runs zod for its exact message). The two are kept equal by a test.
 */
export function checkManifestShape(raw: unknown): ManifestShape | undefined {
  if (!isObject(raw)) return undefined;
  const pkg = raw.package;
  if (pkg !== undefined) {
    if (!isObject(pkg) || typeof pkg.name !== 'string') return undefined;
    if (!optionalOf(pkg.version, isInheritable) || !optionalOf(pkg.edition, isInheritable)) return undefined;
  }
  const workspace = raw.workspace;
  if (workspace !== undefined) {
    if (!isObject(workspace)) return undefined;
    if (!optionalOf(workspace.members, isStringList) || !optionalOf(workspace.exclude, isStringList)) return undefined;
    if (!optionalOf(workspace['default-members'], isStringList)) return undefined;
    const shared = workspace.package;
    if (shared !== undefined) {
      if (!isObject(shared)) return undefined;
      if (
        !optionalOf(shared.version, (item) => typeof item === 'string') ||
        !optionalOf(shared.edition, (item) => typeof item === 'string')
      )
        return undefined;
    }
    if (!isDependencyTable(workspace.dependencies)) return undefined;
  }
  if (raw.features !== undefined) {
    if (!isObject(raw.features)) return undefined;
    for (const key in raw.features) if (!isStringList(raw.features[key])) return undefined;
  }
  if (raw.target !== undefined) {
    if (!isObject(raw.target)) return undefined;
    for (const key in raw.target) {
      const tables = raw.target[key];
      if (!isObject(tables) || !hasDependencyTables(tables)) return undefined;
    }
  }
  if (raw.patch !== undefined) {
    if (!isObject(raw.patch)) return undefined;
    for (const key in raw.patch) if (!isObject(raw.patch[key]) || !isDependencyTable(raw.patch[key])) return undefined;
  }
  if (!hasDependencyTables(raw)) return undefined;
  return raw as ManifestShape;
}
