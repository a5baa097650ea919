/** Regenerates runtime-guard.schema.json from the zod schema: `pnpm --filter @runtime-guard/core schema`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from '../src/policy/json-schema.js';

const target = fileURLToPath(new URL('../runtime-guard.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
