/**
 * Generated lockfiles from the security review (issue 17), shared by the core, CLI and Action tests.
 * Each is valid for the parser, and hostile by its shape.
 */
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

/**
 * A workspace member → a chain of `depth` crates `c0 → c1 → …`, the last depending on `versions`
 * versions of async-std (`1.0.0`, `2.0.0`, …), plus tokio. At 20,000 × 2,000 it is about 3 MB, and
 * every async-std version has a 20,002-step why-path: 40 million steps if every path were kept.
 */
export function deepChainLockfile(depth: number, versions: number): string {
  const out: string[] = ['version = 4', ''];
  const asyncStd = Array.from({ length: versions }, (_, index) => `${index + 1}.0.0`);
  out.push('[[package]]', 'name = "app"', 'version = "0.1.0"', 'dependencies = ["c0", "tokio"]', '');
  for (let index = 0; index < depth; index++) {
    const next = index + 1 < depth ? `"c${index + 1}"` : asyncStd.map((version) => `"async-std ${version}"`).join(', ');
    out.push('[[package]]', `name = "c${index}"`, 'version = "1.0.0"', `source = "${CRATES_IO}"`, `dependencies = [${next}]`, '');
  }
  for (const version of asyncStd) out.push('[[package]]', 'name = "async-std"', `version = "${version}"`, `source = "${CRATES_IO}"`, '');
  out.push('[[package]]', 'name = "tokio"', 'version = "1.46.1"', `source = "${CRATES_IO}"`, '');
  return out.join('\n');
}

/** A small lockfile with two runtimes whose member's name is `name` (for escaping tests). */
export function twoRuntimesNamed(name: string): string {
  return `version = 4

[[package]]
name = ${JSON.stringify(name)}
version = "0.1.0"
dependencies = ["async-std", "tokio"]

[[package]]
name = "async-std"
version = "1.13.1"
source = "${CRATES_IO}"

[[package]]
name = "tokio"
version = "1.46.1"
source = "${CRATES_IO}"
`;
}

/** `name = "tok\xffio"`: a byte that is not UTF-8 inside a crate name, at the returned offset. */
export function invalidUtf8Lockfile(): { bytes: Uint8Array; offset: number } {
  const before = Buffer.from(`version = 4\n\n[[package]]\nname = "tok`, 'utf8');
  const after = Buffer.from(`io"\nversion = "1.46.1"\nsource = "${CRATES_IO}"\n`, 'utf8');
  return { bytes: Buffer.concat([before, Buffer.from([0xff]), after]), offset: before.length };
}
