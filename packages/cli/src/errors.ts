/** A mistake in how the CLI was called or in what it was pointed at: exit code 2, message only. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
