#!/usr/bin/env node
// The command's entry: present from the first install, so package managers can link it even before
// `pnpm build` has produced the one-file bundle it loads.
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
