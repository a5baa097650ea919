import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../src/manifest/errors.js';
import { parseManifest } from '../src/manifest/parse.js';
import { globBase, globMatcher, joinPath, manifestsMatching, normalizePath } from '../src/manifest/paths.js';
import { checkManifestShape, manifestShape } from '../src/manifest/shape.js';
import { readWorkspace } from '../src/manifest/workspace.js';
import { readWorkspaceFixture, workspaceFolders } from './support/workspaces.js';

const root = `[workspace]
members = ["crates/*", "tools/mqtt-tool"]
exclude = ["crates/old"]

[workspace.package]
version = "1.2.3"

[workspace.dependencies]
tokio = { version = "1", default-features = false, features = ["rt"] }
shared = { path = "crates/shared" }
`;

const server = `[package]
name = "server"
version.workspace = true

[features]
default = ["fast"]
fast = ["dep:simd", "shared/fast"]
extra = ["shared?/extra"]

[dependencies]
tokio = { workspace = true, features = ["net"], optional = true }
shared.workspace = true
simd = { version = "0.1", optional = true }
log = { version = "0.4", optional = true }
quick = { package = "quick-xml", version = "0.30" }

[target.'cfg(windows)'.dependencies]
winapi = "0.3"

[dev-dependencies.async-std]
version = "1"

[build-dependencies]
cc = "1"
`;

describe('readWorkspace', () => {
  const workspace = readWorkspace(
    {
      'Cargo.toml': root,
      'crates/server/Cargo.toml': server,
      'crates/shared/Cargo.toml': '[package]\nname = "shared"\nversion = "0.1.0"\n[features]\nfast = []\nextra = []\n',
      'crates/old/Cargo.toml': '[package]\nname = "old"\nversion = "0.1.0"\n',
      'tools/mqtt-tool/Cargo.toml':
        '[package]\nname = "mqtt-tool"\nversion = "0.1.0"\nedition = "2024"\n[dependencies]\nsmol = { version = "2", optional = true }\n',
    },
    '',
  );

  it('expands member globs, drops excluded folders and reads inherited versions', () => {
    expect(workspace.problems).toEqual([]);
    expect(workspace.members.map((member) => `${member.name} ${member.version}`)).toEqual([
      'mqtt-tool 0.1.0',
      'server 1.2.3',
      'shared 0.1.0',
    ]);
    expect(workspace.defaultMembers.map((member) => member.name)).toEqual(['mqtt-tool', 'server', 'shared']);
  });

  it('inherits workspace dependencies, keeps renames, kinds, targets and the line of each declaration', () => {
    const pkg = workspace.packages.get('crates/server/Cargo.toml');
    const byKey = new Map(pkg?.dependencies.map((dependency) => [dependency.key, dependency]));
    expect(byKey.get('tokio')).toMatchObject({
      name: 'tokio',
      kind: 'normal',
      optional: true,
      defaultFeatures: false,
      features: ['rt', 'net'],
      line: 11,
    });
    expect(byKey.get('shared')).toMatchObject({ path: 'crates/shared', optional: false, line: 12 });
    expect(byKey.get('quick')).toMatchObject({ name: 'quick-xml', line: 15 });
    expect(byKey.get('winapi')).toMatchObject({ target: 'cfg(windows)', kind: 'normal', line: 18 });
    expect(byKey.get('async-std')).toMatchObject({ kind: 'dev', version: '1', line: 20 });
    expect(byKey.get('cc')).toMatchObject({ kind: 'build', line: 24 });
  });

  it('adds implicit features for optional dependencies no `dep:` names, on every edition (as Cargo does)', () => {
    const features = workspace.packages.get('crates/server/Cargo.toml')?.features;
    expect(features?.get('log')).toEqual(['dep:log']);
    expect(features?.get('tokio')).toEqual(['dep:tokio']);
    expect(features?.has('simd')).toBe(false);
    expect(workspace.packages.get('tools/mqtt-tool/Cargo.toml')?.features.get('smol')).toEqual(['dep:smol']);
  });

  it('names the file and key of a manifest it cannot read, and of a missing member', () => {
    const broken = readWorkspace(
      { 'Cargo.toml': '[workspace]\nmembers = ["a", "b"]\n', 'a/Cargo.toml': '[package]\nname = "a"\n[dependencies]\ntokio = 1\n' },
      '',
    );
    expect(broken.problems.map((problem) => problem.message)).toEqual([
      'a/Cargo.toml:4: dependencies.tokio: expected a version string or a dependency table ({ version, path, features, optional, … })',
      'Cargo.toml: workspace.members: member "b" has no manifest (b/Cargo.toml not found)',
    ]);
    expect(readWorkspace({}, 'sub').problems[0]?.message).toBe("sub/Cargo.toml: the workspace's root manifest was not found");
  });

  it('throws a ManifestError with the line for TOML syntax errors', () => {
    expect(() => parseManifest('x/Cargo.toml', '[package]\nname = \n')).toThrow(ManifestError);
    try {
      parseManifest('x/Cargo.toml', '[package]\nname = \n');
    } catch (error) {
      expect((error as ManifestError).message).toMatch(/^x\/Cargo\.toml:2: not valid TOML/);
    }
  });
});

describe('paths', () => {
  it('joins relative paths and matches member globs within one segment', () => {
    expect(joinPath('examples/rp', '../../embassy-executor')).toBe('embassy-executor');
    expect(globMatcher('crates/*')('crates/a')).toBe(true);
    expect(globMatcher('crates/*')('crates/a/b')).toBe(false);
    expect(globMatcher('examples/**')('examples/a/b')).toBe(true);
  });

  it('normalizes like resolving every segment, whether or not the path is already normal (its fast path)', () => {
    const resolve = (path: string) => {
      const parts: string[] = [];
      for (const part of path.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.') continue;
        if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
        else parts.push(part);
      }
      return parts.join('/');
    };
    const pieces = fc.constantFrom('a', 'b.c', '.', '..', '', '/', '\\', '.a', '..b', 'x-y');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (chosen) => {
        const path = chosen.join('');
        expect(normalizePath(path)).toBe(resolve(path));
      }),
      { numRuns: 5000 },
    );
    expect(normalizePath('crates/a')).toBe('crates/a');
    expect(normalizePath('crates/../a/./b/')).toBe('a/b');
  });

  it('lists member candidates from the fixed folder before the first wildcard', () => {
    expect(globBase('crates/*')).toBe('crates');
    expect(globBase('./tools/x-*/y')).toBe('tools');
    expect(globBase('**')).toBe('');
    expect(globBase('plain/member')).toBe('plain/member');
    expect(
      manifestsMatching('crates/*', ['crates/a/Cargo.toml', 'crates/a/b/Cargo.toml', 'crates/Cargo.toml', 'other/a/Cargo.toml']),
    ).toEqual(['crates/a/Cargo.toml']);
  });
});

describe('checkManifestShape (the fast check) agrees with the zod schema', () => {
  const accepted = [...workspaceFolders().flatMap((folder) => [...readWorkspaceFixture(folder).manifests.values()])].map((text) =>
    parseToml(text),
  );
  const refused = [
    { package: { name: 1 } },
    { package: { name: 'a', version: 2 } },
    { dependencies: { tokio: 1 } },
    { dependencies: { tokio: { features: 'rt' } } },
    { dependencies: { tokio: { optional: 'yes' } } },
    { features: { default: 'a' } },
    { target: { 'cfg(unix)': { dependencies: { a: { path: 3 } } } } },
    { workspace: { members: 'crates/*' } },
    { workspace: { dependencies: { a: { 'default-features': 'no' } } } },
    { patch: { 'crates-io': { a: [] } } },
    { 'dev-dependencies': [] },
  ];
  it('on every real manifest and on wrong shapes', () => {
    expect(accepted.length).toBeGreaterThan(200);
    for (const value of [...accepted, ...refused]) {
      expect(checkManifestShape(value) !== undefined).toBe(manifestShape().safeParse(value).success);
    }
  });
});
