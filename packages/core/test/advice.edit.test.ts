import { describe, expect, test } from 'vitest';
import {
  auditLockfiles,
  codeBlock,
  diffLines,
  type FeatureSwitch,
  featureSwitch,
  type ManifestEdit,
  manifestEdit,
  readWorkspace,
  renderJson,
  renderMarkdown,
  renderText,
  runtimeSwitchFor,
} from '../src/index.js';
import { manifestsBesideLock, readWorkspaceFixture } from './support/workspaces.js';

/**
 * Exact Cargo.toml edits on the real manifests of the fixture workspaces. The switch data is the
 * knowledge base's; where a fixture keeps tokio, the edit is asked in the other direction (keep
 * async-std or smol, remove tokio) so that the real line carries the runtime feature.
 */
function workspaceOf(folder: string, change?: (manifests: Map<string, string>) => void) {
  const fixture = readWorkspaceFixture(folder);
  const manifests = manifestsBesideLock(fixture);
  change?.(manifests);
  return readWorkspace(manifests, '');
}

function switchOf(
  crate: string,
  version: string,
  remove: 'tokio' | 'async-std' | 'smol',
  keep: 'tokio' | 'async-std' | 'smol',
): FeatureSwitch {
  const entry = runtimeSwitchFor(crate, version);
  if (!entry) throw new Error(`no switch data for ${crate} ${version}`);
  return featureSwitch(entry, remove, keep) as FeatureSwitch;
}

function asEdit(result: ManifestEdit | string): ManifestEdit {
  if (typeof result === 'string') throw new Error(`expected an edit, got ${result}`);
  return result;
}

const LIBP2P = 'libp2p__rust-libp2p__3c1f856e';

describe('manifestEdit on real manifests', () => {
  test('inline table over several lines (redis in libp2p interop-tests): the runtime feature swapped, the rest kept', () => {
    const workspace = workspaceOf(LIBP2P);
    const edit = asEdit(manifestEdit(workspace, 'interop-tests', 'redis', switchOf('redis', '0.24.0', 'tokio', 'async-std')));
    expect(edit.file).toBe('interop-tests/Cargo.toml');
    expect([edit.line, edit.endLine]).toEqual([31, 33]);
    expect(edit.before).toBe('redis = { version = "0.24.0", default-features = false, features = [\n    "tokio-comp",\n] }');
    expect(edit.after).toBe('redis = { version = "0.24.0", default-features = false, features = ["async-std-comp"] }');
    expect(edit.removes).toEqual(['tokio-comp']);
    expect(edit.adds).toEqual(['async-std-comp']);
    expect(edit.defaultFeaturesOff).toBe(false);
  });

  test('workspace = true: the root [workspace.dependencies] line is edited, every other feature kept (sqlx in greptimedb)', () => {
    const fixture = readWorkspaceFixture('GreptimeTeam__greptimedb__7fd0a7bb');
    const workspace = readWorkspace(manifestsBesideLock(fixture), '');
    const change = switchOf('sqlx', '0.8.6', 'tokio', 'async-std');
    const edit = asEdit(manifestEdit(workspace, 'meta-srv', 'sqlx', change));
    expect(edit.file).toBe('Cargo.toml');
    expect(edit.line).toBe(244);
    expect(edit.before.split('\n')[0]).toBe('sqlx = { version = "0.8", default-features = false, features = [');
    expect(edit.removes).toEqual(['runtime-tokio']);
    expect(edit.adds).toEqual(['runtime-async-std']);
    const before = edit.before.match(/"[^"]+"/g)?.map((item) => JSON.parse(item) as string) ?? [];
    const kept = before.filter((feature) => feature !== '0.8' && feature !== 'runtime-tokio');
    expect(edit.after).toBe(
      `sqlx = { version = "0.8", default-features = false, features = [${[...kept, 'runtime-async-std'].map((item) => `"${item}"`).join(', ')}] }`,
    );
    // The member's own line adds mysql and chrono; it does not name the runtime, so it stays as it is.
    expect(edit.before).not.toContain('mysql');
  });

  test('string form: defaults that select the runtime are turned off and the other defaults listed (quinn written as a version)', () => {
    const workspace = workspaceOf(LIBP2P, (manifests) => {
      const file = 'transports/quic/Cargo.toml';
      manifests.set(
        file,
        (manifests.get(file) as string).replace(
          'quinn = { version = "0.11.2", default-features = false, features = ["rustls", "futures-io"] }',
          'quinn = "0.11.2"',
        ),
      );
    });
    const edit = asEdit(
      manifestEdit(
        workspace,
        'libp2p-quic',
        'quinn',
        switchOf('quinn', '0.11.2', 'tokio', 'smol'),
        runtimeSwitchFor('quinn', '0.11.2')?.defaultFeatures,
      ),
    );
    expect(edit.file).toBe('transports/quic/Cargo.toml');
    expect(edit.line).toBe(21);
    expect(edit.before).toBe('quinn = "0.11.2"');
    expect(edit.after).toBe(
      'quinn = { version = "0.11.2", default-features = false, features = ["runtime-smol", "log", "platform-verifier", "ring", "rustls"] }',
    );
    expect(edit.defaultFeaturesOff).toBe(true);
    // The one default not listed again is named: the runtime the edit removes.
    expect(edit.droppedDefaults).toEqual(['runtime-tokio']);
  });

  test('a renamed package is found by its package name and keeps its key and `package`', () => {
    const workspace = workspaceOf('dbus2__zbus__d87d4fc1', (manifests) => {
      const file = 'zbus_xmlgen/Cargo.toml';
      manifests.set(
        file,
        (manifests.get(file) as string).replace(
          'zbus = { path = "../zbus", version = "4.0.0" }',
          'dbus = { package = "zbus", path = "../zbus", version = "4.0.0" }',
        ),
      );
    });
    const edit = asEdit(manifestEdit(workspace, 'zbus_xmlgen', 'zbus', switchOf('zbus', '4.0.0', 'smol', 'tokio')));
    expect(edit.file).toBe('zbus_xmlgen/Cargo.toml');
    expect(edit.line).toBe(28);
    expect(edit.after).toBe(
      'dbus = { package = "zbus", path = "../zbus", version = "4.0.0", default-features = false, features = ["tokio"] }',
    );
  });

  test('the real zbus_xmlgen line (no rename) gets the same edit', () => {
    const workspace = workspaceOf('dbus2__zbus__d87d4fc1');
    const edit = asEdit(manifestEdit(workspace, 'zbus_xmlgen', 'zbus', switchOf('zbus', '4.0.0', 'smol', 'tokio')));
    expect(edit.before).toBe('zbus = { path = "../zbus", version = "4.0.0" }');
    expect(edit.after).toBe('zbus = { path = "../zbus", version = "4.0.0", default-features = false, features = ["tokio"] }');
  });

  test('[dependencies.x] table form: the features lines are rewritten, the other keys kept', () => {
    const workspace = workspaceOf(LIBP2P, (manifests) => {
      const file = 'interop-tests/Cargo.toml';
      const text = (manifests.get(file) as string).replace(
        'redis = { version = "0.24.0", default-features = false, features = [\n    "tokio-comp",\n] }\n',
        '',
      );
      manifests.set(
        file,
        `${text.trimEnd()}\n\n[dependencies.redis]\nversion = "0.24.0"\nfeatures = [\n    "tokio-comp",\n    "json",\n]\n# trailing comment\n`,
      );
    });
    const edit = asEdit(manifestEdit(workspace, 'interop-tests', 'redis', switchOf('redis', '0.24.0', 'tokio', 'async-std')));
    expect(edit.before).toBe('[dependencies.redis]\nversion = "0.24.0"\nfeatures = [\n    "tokio-comp",\n    "json",\n]');
    // redis's defaults do not select a runtime: they stay on.
    expect(edit.after).toBe('[dependencies.redis]\nversion = "0.24.0"\nfeatures = ["json", "async-std-comp"]');
    expect(edit.endLine - edit.line).toBe(5);
  });

  test('a declaration that does not enable the runtime gets no edit, and says so (if-watch = "3.2.0" in libp2p-tcp)', () => {
    const workspace = workspaceOf(LIBP2P);
    expect(manifestEdit(workspace, 'libp2p-tcp', 'if-watch', switchOf('if-watch', '3.2.1', 'smol', 'tokio'))).toBe('not-enabled-here');
    expect(manifestEdit(workspace, 'libp2p-tcp', 'not-a-dependency', switchOf('if-watch', '3.2.1', 'smol', 'tokio'))).toBe(
      'no-declaration',
    );
  });
});

describe('advice with manifests', () => {
  test('the audit names the file and line of each member dependency, and the reason when no exact edit exists', () => {
    const fixture = readWorkspaceFixture(LIBP2P);
    const audit = auditLockfiles([{ path: fixture.lockPath, head: fixture.lock, manifests: manifestsBesideLock(fixture) }]);
    const findings = audit.lockfiles[0]?.diff.head.findings ?? [];
    const ifWatch = findings
      .flatMap((finding) => finding.advice ?? [])
      .find((advice) => advice.crate === 'if-watch' && advice.kind === 'switch')
      ?.declaredVia.find((via) => via.member === 'libp2p-tcp');
    expect(ifWatch?.declaredAt).toEqual({ file: 'transports/tcp/Cargo.toml', line: 17 });
    expect(ifWatch?.editFallback).toBe('not-enabled-here');
    const suggestion = findings.find((finding) => finding.advice?.some((advice) => advice.crate === 'if-watch'))?.suggestion ?? '';
    expect(suggestion).toContain('line 1');
    expect(suggestion).toContain('Cargo.toml');
  });

  test('Markdown shows the edit in a diff block whose fence manifest text cannot close', () => {
    const fixture = readWorkspaceFixture(LIBP2P);
    const manifests = manifestsBesideLock(fixture);
    const file = 'interop-tests/Cargo.toml';
    manifests.set(file, (manifests.get(file) as string).replace('"tokio-comp",\n] }', '"tokio-comp",\n] } # ````` not a fence'));
    const workspace = readWorkspace(manifests, '');
    const edit = asEdit(manifestEdit(workspace, 'interop-tests', 'redis', switchOf('redis', '0.24.0', 'tokio', 'async-std')));
    expect(edit.before).toContain('`````');
    const block = codeBlock('diff', diffLines(edit.before, edit.after));
    expect(block.startsWith('``````diff\n')).toBe(true);
    expect(block.endsWith('\n``````')).toBe(true);
  });
});

describe('renderers with an exact edit', () => {
  // interop-tests' redis switched to async-std-comp, with the lockfile edge Cargo adds (redis → async-std).
  function switchedToAsyncStd() {
    const fixture = readWorkspaceFixture(LIBP2P);
    const manifests = manifestsBesideLock(fixture);
    const file = 'interop-tests/Cargo.toml';
    manifests.set(file, (manifests.get(file) as string).replace('"tokio-comp",\n] }', '"async-std-comp",\n] }'));
    const redis = 'name = "redis"\nversion = "0.24.0"\n';
    const at = fixture.lock.indexOf(redis);
    const lock = `${fixture.lock.slice(0, at)}${fixture.lock.slice(at).replace('dependencies = [\n "async-trait",\n', 'dependencies = [\n "async-std",\n "async-trait",\n')}`;
    return auditLockfiles([{ path: 'Cargo.lock', head: lock, manifests }]);
  }

  test('the finding names the file and line, JSON carries the edit, Markdown a diff block and text the lines', () => {
    const audit = switchedToAsyncStd();
    const finding = audit.lockfiles[0]?.diff.head.findings.find(
      (candidate) => candidate.rule === 'multiple-runtimes' && candidate.crate === 'async-std',
    );
    const redis = finding?.advice?.find((advice) => advice.crate === 'redis');
    const via = redis?.declaredVia.find((candidate) => candidate.member === 'interop-tests');
    expect(via?.edit).toMatchObject({
      file: 'interop-tests/Cargo.toml',
      line: 31,
      endLine: 33,
      removes: ['async-std-comp'],
      adds: ['tokio-comp'],
    });
    expect(JSON.parse(renderJson(audit)).lockfiles[0].findings[0].advice[2].declaredVia[1].edit.line).toBe(31);
    // hole-punching-tests comes first and still asks for tokio-comp: no edit there, and the suggestion says why.
    const other = redis?.declaredVia.find((candidate) => candidate.member === 'hole-punching-tests');
    expect(other).toMatchObject({ declaredAt: { file: 'hole-punching-tests/Cargo.toml', line: 14 }, editFallback: 'not-enabled-here' });
    expect(finding?.suggestion).toContain('hole-punching-tests/Cargo.toml, line 14: that declaration does not enable async-std itself');
    const after = 'redis = { version = "0.24.0", default-features = false, features = ["tokio-comp"] }';
    const markdown = renderMarkdown(audit);
    expect(markdown).toContain(
      `- The edit in \`interop-tests/Cargo.toml\`, line 31:\n\n\`\`\`diff\n-redis = { version = "0.24.0", default-features = false, features = [\n-    "async-std-comp",\n-] }\n+${after}\n\`\`\``,
    );
    const text = renderText(audit, { color: false });
    expect(text).toContain('in interop-tests/Cargo.toml, line 31:');
    expect(text).toContain(`+ ${after}`);
  });
});
