/**
 * Generates Cargo.lock files of any size and format from a seed, the way Cargo writes them, for the
 * property tests and the benchmark. The model is the expected result: what the parser must return.
 */

export type Format = 1 | 2 | 3 | 4;

export interface ModelPackage {
  name: string;
  version: string;
  /** The source as format 4 writes it (percent-encoded git query); absent for path packages. */
  source?: string;
  /** The same source as formats 1 to 3 write it (query not encoded). */
  legacySource?: string;
  checksum?: string;
  /** Indices into the model's packages. */
  dependencies: number[];
}

export interface Model {
  packages: ModelPackage[];
}

/** A small, fast, seedable PRNG (mulberry32): same seed, same lockfile. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const SPARSE_CRATES_IO = 'sparse+https://index.crates.io/';
const ALTERNATE_REGISTRY = 'registry+https://dl.example.com/index';
const GIT_REFERENCES = [
  { encoded: '', legacy: '' },
  { encoded: '?branch=main', legacy: '?branch=main' },
  { encoded: '?branch=release%2F1.0', legacy: '?branch=release/1.0' },
  { encoded: '?tag=v1.2.3', legacy: '?tag=v1.2.3' },
  { encoded: '?rev=4b9fabf', legacy: '?rev=4b9fabf' },
];

/** Builds a model of `size` packages: a few path roots, several versions of some crates, every source kind. */
export function generateModel(size: number, seed: number): Model {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (length: number): string => {
    let text = '';
    while (text.length < length)
      text += Math.floor(random() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return text.slice(0, length);
  };
  const rootCount = Math.max(1, Math.min(50, Math.floor(size / 20)));
  const packages: ModelPackage[] = [];
  for (let index = 0; index < rootCount && index < size; index++) {
    packages.push({ name: `member-${index}`, version: '0.1.0', dependencies: [] });
  }
  let crate = 0;
  const taken = new Set<string>();
  while (packages.length < size) {
    const name = `${pick(['crate', 'tokio_like', 'async-thing', 'x'])}-${crate++}`;
    const versions = random() < 0.15 ? 2 + Math.floor(random() * 2) : 1;
    for (let v = 0; v < versions && packages.length < size; v++) {
      const kind = random();
      let source: string;
      let legacySource: string;
      let checksum: string | undefined;
      // The first non-path package is always a checksummed crates.io one, as in every real lockfile.
      if (kind < 0.7 || packages.length === rootCount) {
        source = legacySource = CRATES_IO;
        checksum = hex(64);
      } else if (kind < 0.8) {
        source = legacySource = SPARSE_CRATES_IO;
        checksum = hex(64);
      } else if (kind < 0.88) {
        source = legacySource = ALTERNATE_REGISTRY;
        checksum = hex(64);
      } else {
        const reference = pick(GIT_REFERENCES);
        const commit = hex(40);
        source = `git+https://github.com/example/${name}${reference.encoded}#${commit}`;
        legacySource = `git+https://github.com/example/${name}${reference.legacy}#${commit}`;
      }
      // The same name and version from two sources happens (a git fork next to crates.io).
      const version =
        v > 0 && random() < 0.2
          ? (packages[packages.length - 1] as ModelPackage).version
          : `${v}.${Math.floor(random() * 20)}.${Math.floor(random() * 20)}`;
      // Cargo tells packages apart by name, version and source without the #commit
      // (rust-lang/cargo@af373f76 src/workspace/source_id.rs:597-608), so a second commit needs another version.
      const identity = legacySource.split('#')[0];
      let unique = version;
      while (taken.has(`${name} ${unique} ${identity}`)) unique += '-b';
      taken.add(`${name} ${unique} ${identity}`);
      packages.push({
        name,
        version: unique,
        source,
        legacySource,
        ...(checksum ? { checksum } : {}),
        dependencies: [],
      });
    }
  }
  // Mostly edges toward later packages (a DAG), some backward (Cargo.lock allows cycles through dev-dependencies).
  packages.forEach((pkg, index) => {
    const wanted = index < rootCount ? 3 + Math.floor(random() * 6) : Math.floor(random() * 5);
    const chosen = new Set<number>();
    for (let k = 0; k < wanted; k++) {
      const forward = random() < 0.95 && index + 1 < packages.length;
      const target = forward
        ? index + 1 + Math.floor(random() * Math.min(packages.length - index - 1, 200))
        : Math.floor(random() * packages.length);
      if (target !== index) chosen.add(target);
    }
    pkg.dependencies = [...chosen].sort((a, b) => a - b);
  });
  return { packages };
}

/** Writes the model as Cargo would in the given format. */
export function serializeLockfile(model: Model, format: Format): string {
  const sourceOf = (pkg: ModelPackage): string | undefined => (format === 4 ? pkg.source : pkg.legacySource);
  const nameCount = new Map<string, number>();
  const nameVersionCount = new Map<string, number>();
  for (const pkg of model.packages) {
    nameCount.set(pkg.name, (nameCount.get(pkg.name) ?? 0) + 1);
    const key = `${pkg.name} ${pkg.version}`;
    nameVersionCount.set(key, (nameVersionCount.get(key) ?? 0) + 1);
  }
  const dependencyString = (pkg: ModelPackage): string => {
    const source = sourceOf(pkg);
    const full = source ? `${pkg.name} ${pkg.version} (${source})` : `${pkg.name} ${pkg.version}`;
    if (format === 1) return full;
    if (nameCount.get(pkg.name) === 1) return pkg.name;
    if (nameVersionCount.get(`${pkg.name} ${pkg.version}`) === 1) return `${pkg.name} ${pkg.version}`;
    return full;
  };
  const out: string[] = ['# This file is automatically @generated by Cargo.', '# It is not intended for manual editing.'];
  if (format >= 3) out.push(`version = ${format}`);
  for (const pkg of model.packages) {
    out.push('', '[[package]]', `name = "${pkg.name}"`, `version = "${pkg.version}"`);
    const source = sourceOf(pkg);
    if (source) out.push(`source = "${source}"`);
    if (format >= 2 && pkg.checksum) out.push(`checksum = "${pkg.checksum}"`);
    if (pkg.dependencies.length > 0) {
      out.push('dependencies = [');
      for (const index of pkg.dependencies) out.push(` "${dependencyString(model.packages[index] as ModelPackage)}",`);
      out.push(']');
    }
  }
  if (format === 1) {
    out.push('', '[metadata]');
    for (const pkg of model.packages) {
      if (pkg.checksum) out.push(`"checksum ${pkg.name} ${pkg.version} (${pkg.legacySource})" = "${pkg.checksum}"`);
    }
  }
  out.push('');
  return out.join('\n');
}

/** The id the parser must give a model package. */
export function expectedId(pkg: ModelPackage, format: Format): string {
  const source = format === 4 ? pkg.source : pkg.legacySource;
  return source ? `${pkg.name} ${pkg.version} (${source})` : `${pkg.name} ${pkg.version}`;
}
