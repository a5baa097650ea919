import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

describe('the committed dist/', () => {
  it('is ASCII only: one other character would make V8 read a whole file as a two-byte string at every start', () => {
    const files = readdirSync(DIST).filter((name) => name.endsWith('.js'));
    expect(files).toContain('index.js');
    for (const name of files) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
      expect({ name, other: readFileSync(`${DIST}${name}`, 'latin1').match(/[^\u0000-\u007f]/g) ?? [] }).toEqual({ name, other: [] });
    }
  });
});
