/**
 * Why a string cannot be used as a git ref given by a user (`--base-ref`, the `base-ref` input), or
 * undefined when it can. A leading `-` would make git read it as an option (`--output=FILE` writes a
 * file); whitespace, `..` and `:` would make it a range or a `REF:PATH` of the caller's choosing.
 * Callers pass `--end-of-options` to git as well.
 *
 * @example gitRefProblem('--output=/tmp/x') // 'must not start with "-" (git would read it as an option)'
 */
export function gitRefProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'must not be empty';
  if (ref.startsWith('-')) return 'must not start with "-" (git would read it as an option)';
  if (/\s/.test(ref)) return 'must not contain spaces or line breaks';
  if (ref.includes('..')) return 'must be a single ref, not a range (no "..")';
  if (ref.includes(':')) return 'must be a ref, not a REF:PATH (no ":")';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(ref)) return 'must not contain control characters';
  return undefined;
}
