import { type core, safeParse } from 'zod/mini';
import english from 'zod/v4/locales/en.js';

let messages: core.$ZodErrorMap | undefined;

/**
 * zod's check of one external input, with English messages. The core uses zod/mini (zod's
 * tree-shakable form: loading zod's full API costs tens of milliseconds of every fresh process, see
 * the core README's cold-start notes), which carries no message locale of its own; the locale is passed
 * per call rather than set globally, so a program that imports the core keeps its own zod configuration.
 * Without zod's eval-compiled fast path (`jitless`): every input here is checked once per process.
 */
export function zodCheck<Schema extends core.$ZodType>(schema: Schema, data: unknown): core.util.SafeParseResult<core.output<Schema>> {
  messages ??= english().localeError;
  return safeParse(schema, data, { error: messages, jitless: true });
}
