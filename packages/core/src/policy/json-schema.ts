import { toJSONSchema } from 'zod/mini';
import { policyFileSchema } from './schema.js';

/**
 * The JSON Schema of `runtime-guard.toml`, for editor completion (e.g. with Taplo or Even Better TOML:
 * `#:schema ./node_modules/@runtime-guard/core/runtime-guard.schema.json`). Built from the same zod
 * schema that validates the file, so the two cannot disagree.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(policyFileSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://www.npmjs.com/package/@runtime-guard/core/runtime-guard.schema.json',
    title: 'runtime-guard policy (runtime-guard.toml)',
  };
}
