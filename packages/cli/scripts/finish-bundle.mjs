// After ncc: the bundle folder is CommonJS (its chunks end in .js, and the package is an ES module
// package), and every file ASCII only (../../scripts/ascii-only.mjs says why).
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../bundle/', import.meta.url));
writeFileSync(`${bundle}package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
const code = readdirSync(bundle)
  .filter((name) => /\.c?js$/.test(name))
  .map((name) => `${bundle}${name}`);
execFileSync(process.execPath, [fileURLToPath(new URL('../../../scripts/ascii-only.mjs', import.meta.url)), ...code], { stdio: 'inherit' });
