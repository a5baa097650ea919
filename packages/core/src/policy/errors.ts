import { formatLocation, type SourceLocation } from '../lockfile/errors.js';

/**
 * The one error type `loadPolicy` throws: a message for a person, starting with the file and line
 * (`runtime-guard.toml:4: …`), and the key path at fault.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly location: SourceLocation;
  readonly reason: string;

  constructor(reason: string, location: SourceLocation = {}) {
    const where = formatLocation(location);
    super(where ? `${where}: ${reason}` : reason);
    this.reason = reason;
    this.location = location;
  }
}
