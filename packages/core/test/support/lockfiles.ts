/** Small hand-written lockfiles for rule and policy tests (format v3, crates.io sources). */
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

export interface TinyPackage {
  name: string;
  version: string;
  /** False: a workspace member (no source). Default: a crates.io package. */
  registry?: boolean;
  dependencies?: string[];
}

/** Writes the packages as a format v3 Cargo.lock; dependencies are written as given, every string TOML-escaped. */
export function tinyLockfile(packages: TinyPackage[]): string {
  const blocks = packages.map((pkg) => {
    const lines = ['[[package]]', `name = ${JSON.stringify(pkg.name)}`, `version = ${JSON.stringify(pkg.version)}`];
    if (pkg.registry !== false) lines.push(`source = "${CRATES_IO}"`);
    if (pkg.dependencies?.length) lines.push(`dependencies = ${JSON.stringify(pkg.dependencies)}`);
    return lines.join('\n');
  });
  return `version = 3\n\n${blocks.join('\n\n')}\n`;
}
