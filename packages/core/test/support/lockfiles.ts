/** Small hand-written lockfiles for rule and policy tests (format v3, crates.io sources). */
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

export interface TinyPackage {
  name: string;
  version: string;
  /** Absent: a workspace member. */
  registry?: boolean;
  dependencies?: string[];
}

/** Writes the packages as a format v3 Cargo.lock; dependencies are written as given. */
export function tinyLockfile(packages: TinyPackage[]): string {
  const blocks = packages.map((pkg) => {
    const lines = ['[[package]]', `name = "${pkg.name}"`, `version = "${pkg.version}"`];
    if (pkg.registry !== false) lines.push(`source = "${CRATES_IO}"`);
    if (pkg.dependencies?.length) lines.push(`dependencies = [${pkg.dependencies.map((dep) => `"${dep}"`).join(', ')}]`);
    return lines.join('\n');
  });
  return `version = 3\n\n${blocks.join('\n\n')}\n`;
}
