#!/usr/bin/env node
// The command's entry: present from the first install, so package managers can link it even before
// `pnpm build` has produced the one-file bundle it loads. CommonJS, like the bundle: Node starts a
// CommonJS entry through its lighter loader.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'bundle', 'index.cjs');

if (existsSync(bundle)) {
  // With V8's code cache of the bundle (code-cache.cjs): on every Node, including 20, which has no
  // module.enableCompileCache, and fuller than that cache, which leaves out the functions compiled
  // while the command runs.
  require('./code-cache.cjs').runWithCodeCache(bundle);
} else {
  process.stderr.write('runtime-guard: the CLI is not built yet: run `pnpm build` at the repository root\n');
  process.exitCode = 2;
}
