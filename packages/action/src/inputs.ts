import { gitRefProblem } from '@runtime-guard/core';
import * as z from 'zod/mini';
import { pathProblem } from './confine-path.js';
import { ActionError } from './errors.js';
import { zodCheck } from './zod-check.js';

const GIT_REF = z.string().check(
  z.superRefine((ref: string, context) => {
    const problem = gitRefProblem(ref);
    if (problem) context.addIssue({ code: 'custom', message: `a branch, tag or commit SHA; this one ${problem}` });
  }),
);

// biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users see in action.yml
const TOKEN_EXPECTED = 'a GitHub token (the default is `${{ github.token }}`)';

/** A path inside the repository, trimmed. */
const repositoryPath = () => z.optional(z.string().check(z.trim(), z.superRefine(insideRepository((path) => path))));

/** The action's inputs as action.yml declares them; every value arrives as a string (empty when unset). */
export const inputsSchema = z.object({
  token: z.string(TOKEN_EXPECTED).check(z.minLength(1, TOKEN_EXPECTED)),
  lockfiles: z.pipe(
    z.pipe(
      z.string('at least one glob'),
      z.transform((text: string) =>
        text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line.length > 0 && !line.startsWith('#')),
      ),
    ),
    z
      .array(z.string().check(z.superRefine(insideRepository((glob) => glob.replace(/^!/, '')))))
      .check(z.minLength(1, 'at least one glob, one per line (default `**/Cargo.lock`)')),
  ),
  policy: repositoryPath(),
  'advisory-db': repositoryPath(),
  'comment-author': z.optional(
    z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'a GitHub login such as `my-app[bot]`')),
  ),
  comment: z.enum(['on-change', 'always', 'never'], 'one of on-change, always, never'),
  'fail-on': z.enum(['error', 'warning', 'notice', 'never'], 'one of error, warning, notice, never'),
  'base-ref': z.optional(GIT_REF),
  'head-ref': z.optional(GIT_REF),
  suggestions: z.pipe(
    z.enum(['true', 'false'], 'true or false'),
    z.transform((value: 'true' | 'false') => value === 'true'),
  ),
});

/** The one path rule ({@link pathProblem}) as a zod refinement. */
function insideRepository(pathOf: (value: string) => string) {
  return (value: string, context: z.core.$RefinementCtx<string>) => {
    const problem = pathProblem(pathOf(value));
    if (problem) context.addIssue({ code: 'custom', message: `a path inside the repository; this one ${problem}` });
  };
}

/** Validated inputs. */
export type Inputs = z.output<typeof inputsSchema>;

/** Defaults for a run without action.yml (local runs, tests); action.yml declares the same ones. */
export const INPUT_DEFAULTS: Readonly<Record<keyof z.input<typeof inputsSchema>, string>> = {
  token: '',
  lockfiles: '**/Cargo.lock',
  policy: '',
  comment: 'on-change',
  'fail-on': 'error',
  'base-ref': '',
  'head-ref': '',
  'comment-author': '',
  'advisory-db': '',
  suggestions: 'true',
};

/**
 * Reads and validates every input through `getInput` (the toolkit's `core.getInput`), reporting all
 * bad inputs at once: `Input "fail-on" is "sometimes": expected one of error, warning, notice, never`.
 */
export function readInputs(getInput: (name: string) => string): Inputs {
  const raw: Record<string, string | undefined> = {};
  for (const [name, fallback] of Object.entries(INPUT_DEFAULTS)) {
    const value = getInput(name).trim() || fallback;
    raw[name] = value === '' ? undefined : value;
  }
  const result = zodCheck(inputsSchema, raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const given = raw[name];
    return `Input "${name}"${given === undefined ? ' is missing' : ` is ${JSON.stringify(given)}`}: expected ${issue.message}`;
  });
  throw new ActionError(problems.join('\n'));
}
