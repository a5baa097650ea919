#!/usr/bin/env node
// The command's entry: present from the first install, so package managers can link it even before
// `pnpm build` has produced the one-file bundle it loads.
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle in a cache directory (os.tmpdir() unless
// NODE_COMPILE_CACHE says otherwise; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so every run after
// the first skips compiling it. Older Node has no enableCompileCache: nothing changes there.
module.enableCompileCache?.();
try {
  await import('../bundle/index.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bundle/index.js')) {
    process.stderr.write('runtime-guard: the CLI is not built yet: run `pnpm build` at the repository root\n');
    process.exitCode = 2;
  } else {
    throw error;
  }
}
