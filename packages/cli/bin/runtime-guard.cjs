#!/usr/bin/env node
// The command's entry: present from the first install, so package managers can link it even before
// `pnpm build` has produced the one-file bundle it loads. CommonJS, like the bundle: Node starts a
// CommonJS entry through its lighter loader.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'bundle', 'index.cjs');

if (existsSync(bundle)) {
  tuneShortRun();
  // With V8's code cache of the bundle (code-cache.cjs): on every Node, including 20, which has no
  // module.enableCompileCache, and fuller than that cache, which leaves out the functions compiled
  // while the command runs.
  require('./code-cache.cjs').runWithCodeCache(bundle);
} else {
  process.stderr.write('runtime-guard: the CLI is not built yet: run `pnpm build` at the repository root\n');
  process.exitCode = 2;
}

/**
 * A command that runs for a fraction of a second, on V8 11 (Node 20): no TurboFan, a young generation
 * that does not grow. There TurboFan is the only optimising tier; it compiles the parser's loops on
 * another thread within milliseconds of the start, Node waits for that thread before it exits, and
 * its compiler zones are fresh memory (every first touch of a page is a page fault). The doubling
 * young generation is fresh memory too, for objects that all survive. Together about 1,600 fewer page
 * faults and 12 to 14 ms less of a fresh `audit` of a 1,128-package lockfile (`pnpm bench:cli`), and a
 * 17,000-package one runs no slower (0.46-0.50 s against 0.49-0.53 s, 7,000 fewer page faults). Later V8s (Node 22 and up) have Maglev, which these
 * measurements did not improve on, and are left as they are. Set before the code cache is read: V8
 * keeps the flags' hash in the cache and refuses a cache written under other flags. A user's own
 * choice of either flag (NODE_OPTIONS, `node --…`) is kept.
 */
function tuneShortRun() {
  if (Number(process.versions.v8.split('.')[0]) >= 12) return;
  const given = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (/--(no[-_])?(max[-_]opt|turbofan|opt|semi[-_]space[-_]growth[-_]factor)\b/.test(given)) return;
  require('node:v8').setFlagsFromString('--max-opt=1 --semi-space-growth-factor=1');
}
