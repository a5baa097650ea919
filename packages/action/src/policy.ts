import { loadPolicy, type Policy } from '@runtime-guard/core';
import { ActionError } from './errors.js';
import type { RepoFiles } from './repo-files.js';

/** Where the action looks for a policy when the `policy` input is empty. */
export const DEFAULT_POLICY_PATHS = ['runtime-guard.toml', '.github/runtime-guard.toml'] as const;

/**
 * Reads the policy file from the first place that has it: the given one, or one of the default paths.
 * `places` are searched in order (the workspace, then the API at a trusted revision when nothing is
 * checked out). A given file that exists nowhere is an error; a missing default file is not.
 *
 * @throws PolicyError for a bad policy file (with its line and key), ActionError for a missing one.
 */
export async function readPolicy(
  given: string | undefined,
  places: readonly RepoFiles[],
): Promise<{ policy: Policy; path: string } | undefined> {
  const candidates = given ? [given.replace(/^\.\//, '')] : [...DEFAULT_POLICY_PATHS];
  for (const place of places) {
    for (const path of candidates) {
      const text = await place.read(path);
      if (text !== null) return { policy: loadPolicy(text, path), path };
    }
  }
  if (given) {
    throw new ActionError(`Input "policy" is "${given}": no such file in ${places.map((place) => place.description).join(' or ')}.`);
  }
  return undefined;
}
