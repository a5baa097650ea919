import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const workspacesDirectory = fileURLToPath(new URL('../fixtures/workspaces/', import.meta.url));

/** One workspace fixture: every Cargo.toml (path → text, repository-relative), the lock and SCOPE.tsv. */
export interface WorkspaceFixture {
  readonly folder: string;
  readonly root: string;
  readonly lockPath: string;
  readonly lock: string;
  readonly manifests: Map<string, string>;
  readonly scope: readonly Record<string, string>[];
}

/** The runtime crates SCOPE.tsv covers (its README): the reach test checks them, the bench times them. */
export const SCOPE_RUNTIMES = [
  'tokio',
  'async-std',
  'smol',
  'async-executor',
  'async-global-executor',
  'glommio',
  'monoio',
  'compio',
  'embassy-executor',
  'actix-rt',
] as const;

/** The folders of test/fixtures/workspaces. */
export function workspaceFolders(): string[] {
  return readdirSync(workspacesDirectory)
    .filter((name) => statSync(workspacesDirectory + name).isDirectory())
    .sort();
}

/** Reads one workspace fixture from disk. */
export function readWorkspaceFixture(folder: string): WorkspaceFixture {
  const base = `${workspacesDirectory}${folder}/`;
  const manifests = new Map<string, string>();
  let lockPath = '';
  const walk = (relative: string) => {
    for (const entry of readdirSync(base + relative, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'Cargo.toml') manifests.set(path, readFileSync(base + path, 'utf8'));
      else if (entry.name === 'Cargo.lock') lockPath = path;
    }
  };
  walk('');
  const [header, ...rows] = readFileSync(`${base}SCOPE.tsv`, 'utf8').trimEnd().split('\n');
  const columns = (header as string).split('\t');
  const scope = rows.map((row) => Object.fromEntries(row.split('\t').map((cell, index) => [columns[index] as string, cell])));
  const root = lockPath.includes('/') ? lockPath.slice(0, lockPath.lastIndexOf('/')) : '';
  return { folder, root, lockPath, lock: readFileSync(base + lockPath, 'utf8'), manifests, scope };
}

/** The fixture's manifests keyed by path relative to the lockfile's folder (`../Cargo.toml` for one above it), as audits take them. */
export function manifestsBesideLock(fixture: WorkspaceFixture): Map<string, string> {
  const rootParts = fixture.root === '' ? [] : fixture.root.split('/');
  const result = new Map<string, string>();
  for (const [path, text] of fixture.manifests) {
    const parts = path.split('/');
    let common = 0;
    while (common < rootParts.length && common < parts.length - 1 && parts[common] === rootParts[common]) common++;
    result.set([...rootParts.slice(common).map(() => '..'), ...parts.slice(common)].join('/'), text);
  }
  return result;
}
