import { disallowedRuntime } from './disallowed-runtime.js';
import { discouragedCrate } from './discouraged-crate.js';
import { expiredException } from './expired-exception.js';
import { frameworkRuntimeMismatch } from './framework-runtime-mismatch.js';
import { multipleRuntimes } from './multiple-runtimes.js';
import type { Rule } from './rule.js';
import { runtimeVersionSplit } from './runtime-version-split.js';
import { rustsecAdvisory } from './rustsec-advisory.js';

/** Every rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  multipleRuntimes,
  runtimeVersionSplit,
  disallowedRuntime,
  frameworkRuntimeMismatch,
  discouragedCrate,
  rustsecAdvisory,
  expiredException,
];
