import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

// UPDATE_GOLDEN=1 pnpm test rewrites the golden files; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === '1';

/** Compares text with test/golden/<name> (the README quotes these files as real output). */
export function expectGolden(name: string, actual: string): void {
  const file = new URL(`../golden/${name}`, import.meta.url);
  if (update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
