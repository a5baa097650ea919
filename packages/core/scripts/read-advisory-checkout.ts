import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotOrigin } from '../src/advisories/module.js';
import { snapshotOriginFromNote } from '../src/advisories/module.js';
import type { AdvisoryFile } from '../src/advisories/parse.js';

/** The advisory files of a checkout (`crates/*\/RUSTSEC-*.md`) and where the checkout comes from. */
export function readAdvisoryCheckout(root: string): { files: AdvisoryFile[]; origin: SnapshotOrigin } {
  const crates = join(root, 'crates');
  const files: AdvisoryFile[] = [];
  for (const crate of readdirSync(crates).sort()) {
    for (const name of readdirSync(join(crates, crate)).sort()) {
      if (!/^RUSTSEC-\d{4}-\d{4}\.md$/.test(name)) continue;
      const path = join('crates', crate, name);
      files.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  }
  return { files, origin: originOf(root) };
}

function originOf(root: string): SnapshotOrigin {
  const note = join(root, 'SNAPSHOT.md');
  if (existsSync(note)) {
    const origin = snapshotOriginFromNote(readFileSync(note, 'utf8'));
    if (origin) return origin;
  }
  const [commit = '', date = ''] = execFileSync('git', ['-C', root, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8' })
    .trim()
    .split(' ');
  return { commit, date };
}
