/** An advisory file runtime-guard cannot read: which file, which key, what was expected. */
export class AdvisoryDataError extends Error {
  override readonly name = 'AdvisoryDataError';
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${key ? `: ${key}` : ''}: ${problem}`);
  }
}
