// One fresh process: reads a CommonJS bundle the way Node's loader does (a UTF-8 file into a string) and
// compiles it in the CommonJS wrapper without running it, timing both. What a bundle's size costs before any
// of its code runs.
// Usage: node packages/core/bench/bundle-compile.mjs path/to/bundle.cjs
import { readFileSync } from 'node:fs';
import module from 'node:module';
import vm from 'node:vm';

const start = performance.now();
const source = readFileSync(process.argv[2], 'utf8').replace(/^#!.*\n/, '');
const read = performance.now();
new vm.Script(module.wrap(source));
const compiled = performance.now();
console.log(JSON.stringify({ readMs: read - start, compileMs: compiled - read }));
