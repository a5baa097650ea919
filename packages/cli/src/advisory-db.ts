import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type AdvisoryDatabase, type AdvisoryFile, readAdvisoryDatabase } from '@runtime-guard/core';
import { UsageError } from './errors.js';

/**
 * Reads a local rustsec/advisory-db checkout for `--advisory-db PATH` (loaded with import() only
 * when the flag is given). The date is the checkout's last commit when git can tell, otherwise the
 * newest advisory's.
 */
export function readAdvisoryCheckout(root: string): AdvisoryDatabase {
  const crates = join(root, 'crates');
  if (!existsSync(crates) || !statSync(crates).isDirectory()) {
    throw new UsageError(`--advisory-db ${root}: no crates/ folder; expected a checkout of https://github.com/rustsec/advisory-db`);
  }
  const files: AdvisoryFile[] = [];
  for (const crate of readdirSync(crates).sort()) {
    const folder = join(crates, crate);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!/^RUSTSEC-\d{4}-\d{4}\.md$/.test(name)) continue;
      const path = join('crates', crate, name);
      files.push({ path: join(root, path), text: readFileSync(join(root, path), 'utf8') });
    }
  }
  if (files.length === 0) throw new UsageError(`--advisory-db ${root}: crates/ holds no RUSTSEC-*.md advisory`);
  return readAdvisoryDatabase(files, gitOrigin(root));
}

function gitOrigin(root: string): { commit?: string; date?: string } {
  if (!existsSync(join(root, '.git'))) return {};
  try {
    const [commit, date] = execFileSync('git', ['-C', root, 'log', '-1', '--format=%H %cs'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split(' ');
    return commit && date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { commit, date } : {};
  } catch {
    return {};
  }
}
