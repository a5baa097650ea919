#!/usr/bin/env node
// The published packages as users get them: pack each one (pnpm pack, which turns `workspace:*` into
// versions), lint the tarballs with publint and @arethetypeswrong/cli, install them into a scratch
// folder from the tarballs (their dependencies from the npm registry), and use them there: the core
// through `import` and `require`, the CLI through its bin. Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'runtime-guard-packages-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, options = {}) => {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
};
const show = (text) => text.trim() && console.log(text.trim());

try {
  const tarballs = {};
  for (const name of ['core', 'cli']) {
    const before = new Set(readdirSync(scratch));
    run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', scratch], { cwd: join(root, 'packages', name) });
    const tarball = readdirSync(scratch).find((file) => file.endsWith('.tgz') && !before.has(file));
    if (!tarball) throw new Error(`pnpm pack left no tarball for packages/${name}`);
    tarballs[name] = join(scratch, tarball);
  }

  // publint: every message (suggestions too) fails the check.
  for (const tarball of Object.values(tarballs)) {
    const out = run(bin('publint'), ['run', tarball, '--level', 'suggestion', '--strict']);
    show(out);
    if (/^(Suggestions|Warnings|Errors):/m.test(out)) throw new Error(`publint reported problems in ${tarball}`);
  }
  // attw: the core is ESM-only on purpose (require() of it works where Node.js supports require(esm),
  // which engines asks for), so the esm-only profile; the CLI has no types to check (a bin only).
  show(run(bin('attw'), [tarballs.core, '--profile', 'esm-only', '--format', 'table-flipped']));

  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, version: '0.0.0' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarballs.core, tarballs.cli], { cwd: project });

  const lockfile = join(root, 'examples', 'head', 'Cargo.lock');
  const base = join(root, 'examples', 'base', 'Cargo.lock');
  const check = `
    const text = require('node:fs').readFileSync(${JSON.stringify(lockfile)}, 'utf8');
    const report = core.analyze(core.buildGraph(core.parseLockfile(text)));
    const families = report.runtimes.map((runtime) => runtime.family).join(',');
    if (!families.includes('async-std') || !families.includes('tokio')) throw new Error('unexpected runtimes: ' + families);
    console.log(HOW + ': ' + report.findings.length + ' findings, runtimes ' + families);`;
  show(
    run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as core from '@runtime-guard/core'; import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const HOW = 'import'; ${check}`,
      ],
      { cwd: project },
    ),
  );
  show(run(process.execPath, ['-e', `const core = require('@runtime-guard/core'); const HOW = 'require'; ${check}`], { cwd: project }));

  const cli = join(project, 'node_modules', '.bin', 'runtime-guard');
  show(run(cli, ['--version'], { cwd: project }));
  let code = 0;
  let out = '';
  try {
    out = run(cli, ['audit', lockfile, '--base', base, '--format', 'json'], { cwd: project });
  } catch (error) {
    code = error.status;
    out = error.stdout;
  }
  const report = JSON.parse(out);
  if (code !== 1 || report.lockfiles[0].findings[0]?.rule !== 'multiple-runtimes')
    throw new Error(`the installed CLI should find the example's second runtime and exit 1 (exit ${code})`);
  console.log(`installed CLI: exit ${code}, ${report.lockfiles[0].findings[0].rule} on ${report.lockfiles[0].findings[0].crate}`);
  console.log('packages: packed, linted (publint, attw), installed and used: import, require, bin.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
