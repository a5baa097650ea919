import { describe, expect, it } from 'vitest';
import { ActionError } from '../src/errors.js';
import { readInputs } from '../src/inputs.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('applies the defaults action.yml declares', () => {
    expect(readInputs(from({ token: 't' }))).toEqual({
      token: 't',
      lockfiles: ['**/Cargo.lock'],
      comment: 'on-change',
      'fail-on': 'error',
      suggestions: true,
    });
  });

  it('reads several globs, one per line, skipping blanks and # comments', () => {
    const inputs = readInputs(
      from({ token: 't', lockfiles: '  Cargo.lock\n\n# tools are separate\ntools/*/Cargo.lock\r\n!tools/old/Cargo.lock\n' }),
    );
    expect(inputs.lockfiles).toEqual(['Cargo.lock', 'tools/*/Cargo.lock', '!tools/old/Cargo.lock']);
  });

  it('keeps policy, base-ref and head-ref when set', () => {
    const inputs = readInputs(
      from({ token: 't', policy: 'ci/guard.toml', 'base-ref': 'origin/main', 'head-ref': 'v1.2.3', comment: 'always', 'fail-on': 'never' }),
    );
    expect(inputs).toMatchObject({
      policy: 'ci/guard.toml',
      'base-ref': 'origin/main',
      'head-ref': 'v1.2.3',
      comment: 'always',
      'fail-on': 'never',
    });
  });

  it('reports every bad input at once, naming each and what was expected', () => {
    const read = () =>
      readInputs(from({ comment: 'sometimes', 'fail-on': 'fatal', 'head-ref': 'main..feature', lockfiles: '\n# nothing\n' }));
    expect(read).toThrow(ActionError);
    expect(read).toThrow(
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the message quotes the workflow expression
        'Input "token" is missing: expected a GitHub token (the default is `${{ github.token }}`)',
        'Input "lockfiles" is "# nothing": expected at least one glob, one per line (default `**/Cargo.lock`)',
        'Input "comment" is "sometimes": expected one of on-change, always, never',
        'Input "fail-on" is "fatal": expected one of error, warning, notice, never',
        'Input "head-ref" is "main..feature": expected a branch, tag or commit SHA; this one must be a single ref, not a range (no "..")',
      ].join('\n'),
    );
  });

  it('refuses refs that git would read as options or that hold spaces', () => {
    expect(() => readInputs(from({ token: 't', 'base-ref': '--upload-pack=x' }))).toThrow(
      /Input "base-ref" is "--upload-pack=x": expected a branch/,
    );
    expect(() => readInputs(from({ token: 't', 'base-ref': 'a b' }))).toThrow(/Input "base-ref" is "a b"/);
  });
});
