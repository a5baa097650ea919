import { type core, safeParse } from 'zod/mini';
import english from 'zod/v4/locales/en.js';

let messages: core.$ZodErrorMap | undefined;

/**
 * zod's check of one external input (an input, the event payload, an API answer), with English
 * messages. zod/mini, as in the core: zod's full API costs tens of milliseconds of every run's start.
 * zod/mini carries no message locale; it is passed per call. Without zod's eval-compiled fast path
 * (`jitless`): each of these inputs is checked once.
 */
export function zodCheck<Schema extends core.$ZodType>(schema: Schema, data: unknown): core.util.SafeParseResult<core.output<Schema>> {
  messages ??= english().localeError;
  return safeParse(schema, data, { error: messages, jitless: true });
}

/**
 * {@link zodCheck} for an answer of the GitHub API the action cannot go on without: the value, or an
 * error naming what it was and the first key that is wrong.
 */
export function zodParse<Schema extends core.$ZodType>(schema: Schema, data: unknown, what: string): core.output<Schema> {
  const result = zodCheck(schema, data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`unexpected ${what} from the GitHub API: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected shape'}`);
}
