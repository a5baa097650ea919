import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

// UPDATE_GOLDEN=1 pnpm test rewrites the golden files; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === '1';

/** Compares text with test/golden/<name> (the README quotes these files as real output). */
export function expectGolden(name: string, actual: string): void {
  const file = new URL(`../golden/${name}`, import.meta.url);
  // The action judges against the real day: the bundled snapshot's age changes daily, the rest must not.
  actual = actual.replace(/stale: \d+ days old/g, 'stale: N days old');
  if (update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
