/**
 * Regenerates packages/core/src/knowledge/advisories.generated.ts from an advisory-db checkout:
 * `pnpm advisories:update --from ../advisory-db`. The commit and date come from the checkout's git
 * history, or from the SNAPSHOT.md of a trimmed snapshot.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AdvisoryDataError } from '../src/advisories/errors.js';
import { renderAdvisoryModule } from '../src/advisories/module.js';
import { parseAdvisoryFiles } from '../src/advisories/parse.js';
import { readAdvisoryCheckout } from './read-advisory-checkout.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string' } } });
if (!values.from) {
  console.error('usage: pnpm advisories:update --from <path to a rustsec/advisory-db checkout> [--out FILE]');
  process.exit(2);
}
const target = values.out ?? fileURLToPath(new URL('../src/knowledge/advisories.generated.ts', import.meta.url));
try {
  const checkout = readAdvisoryCheckout(values.from);
  const advisories = parseAdvisoryFiles(checkout.files);
  writeFileSync(target, renderAdvisoryModule(advisories, checkout.origin));
  console.log(`wrote ${target}: ${advisories.length} advisories from ${checkout.origin.commit} (${checkout.origin.date})`);
} catch (error) {
  if (error instanceof AdvisoryDataError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error(`advisories:update: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
