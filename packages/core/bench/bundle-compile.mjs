// One fresh process: reads a bundle the way Node's loader does (a UTF-8 file into a string) and compiles it
// as a module without running it, timing both. What a bundle's size costs before any of its code runs.
// Usage: node --experimental-vm-modules --no-warnings packages/core/bench/bundle-compile.mjs path/to/bundle.js
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const start = performance.now();
const source = readFileSync(process.argv[2], 'utf8').replace(/^#!.*\n/, '');
const read = performance.now();
new vm.SourceTextModule(source);
const compiled = performance.now();
console.log(JSON.stringify({ readMs: read - start, compileMs: compiled - read }));
