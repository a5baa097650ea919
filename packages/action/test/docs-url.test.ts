import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS_BASE_URL, RULES } from '@runtime-guard/core';
import { describe, expect, it } from 'vitest';
import { actionDocsBaseUrl } from '../src/docs-url.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** GitHub's anchor for a Markdown heading: lowercased, punctuation but `-` and `_` dropped, spaces to `-`. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

describe('rule docs links', () => {
  it('point at a README in this repository that has a section for every rule', () => {
    for (const base of [
      DOCS_BASE_URL,
      actionDocsBaseUrl({ GITHUB_ACTION_REPOSITORY: 'runtime-guard/runtime-guard', GITHUB_ACTION_REF: 'v1' }),
    ]) {
      const match = /^https:\/\/github\.com\/runtime-guard\/runtime-guard\/blob\/[^/]+\/(.+)$/.exec(base);
      expect(match, base).not.toBeNull();
      const readme = readFileSync(join(root, match?.[1] ?? ''), 'utf8');
      const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((heading) => anchorOf(heading[1] ?? '')));
      for (const rule of RULES) expect(anchors, `#rule-${rule.id} in ${match?.[1]}`).toContain(`rule-${rule.id}`);
    }
  });

  it('fall back to the package homepage for a local action or a value that is not a plain ref', () => {
    expect(actionDocsBaseUrl({})).toBe(DOCS_BASE_URL);
    expect(actionDocsBaseUrl({ GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: 'v1 <script>' })).toBe(DOCS_BASE_URL);
    expect(actionDocsBaseUrl({ GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: '../x' })).toBe(DOCS_BASE_URL);
    expect(
      actionDocsBaseUrl({ GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: 'main' }),
    ).toBe('https://ghe.example/a/b/blob/main/packages/core/README.md');
  });
});
