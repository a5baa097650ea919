import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AdvisoryDatabase, AdvisoryDataError, type AdvisoryFile, readAdvisoryDatabase } from '@runtime-guard/core';
import { confinedPath } from './confine-path.js';
import { ActionError } from './errors.js';

/**
 * Reads the `advisory-db` input: a rustsec/advisory-db checkout inside the workspace (a step before
 * runs actions/checkout with `repository: rustsec/advisory-db`). Loaded with import() only when the
 * input is set. Symbolic links are not followed out of the workspace; the date is the checkout's
 * last commit when git can tell, otherwise the newest advisory's.
 */
export async function readAdvisoryCheckout(workspace: string, path: string): Promise<AdvisoryDatabase> {
  const root = await confinedPath(workspace, path);
  const crates = root === undefined ? undefined : await confinedPath(workspace, join(path, 'crates'));
  if (root === undefined || crates === undefined) {
    throw new ActionError(
      `Input "advisory-db" is "${path}": no crates/ folder there; check out https://github.com/rustsec/advisory-db to that path first.`,
    );
  }
  const files: AdvisoryFile[] = [];
  for (const crate of (await readdir(crates, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    const names = (await readdir(join(crates, crate), { withFileTypes: true }))
      .filter((entry) => entry.isFile() && /^RUSTSEC-\d{4}-\d{4}\.md$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const relative = join(path, 'crates', crate, name);
      files.push({ path: relative, text: await readFile(join(crates, crate, name), 'utf8') });
    }
  }
  if (files.length === 0) throw new ActionError(`Input "advisory-db" is "${path}": crates/ holds no RUSTSEC-*.md advisory.`);
  try {
    return readAdvisoryDatabase(files, await gitOrigin(root));
  } catch (error) {
    if (error instanceof AdvisoryDataError) throw new ActionError(`Input "advisory-db": ${error.message}`);
    throw error;
  }
}

async function gitOrigin(root: string): Promise<{ commit?: string; date?: string }> {
  try {
    const { stdout } = await promisify(execFile)('git', ['-C', root, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8' });
    const [commit, date] = stdout.trim().split(' ');
    return commit && date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { commit, date } : {};
  } catch {
    return {};
  }
}
