#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import {
  type Audit,
  auditLockfiles,
  buildGraph,
  findingsAtOrAbove,
  LockfileError,
  loadPolicy,
  type Policy,
  PolicyError,
  parseLockfile,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
  type UnreadableLockfile,
  whyPaths,
} from '@runtime-guard/core';
import { type Command, HELP, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import { findLockfiles, findPolicy, readAtRef, readText } from './files.js';

const VERSION = '0.1.0';

function run(argv: readonly string[]): number {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`runtime-guard ${VERSION}\n`);
    return 0;
  }
  const policyPath = findPolicy(command.policy);
  const policy: Policy | undefined = policyPath ? loadPolicy(readText(policyPath), policyPath) : undefined;
  if (command.kind === 'explain') return explain(command.crate, command.paths);
  return audit(command, policy);
}

function audit(command: Extract<Command, { kind: 'audit' }>, policy: Policy | undefined): number {
  const paths = findLockfiles(command.paths);
  const diff = command.base !== undefined || command.baseRef !== undefined;
  // A lockfile that cannot be opened is reported like one that cannot be parsed: after the others.
  const notOpened: UnreadableLockfile[] = [];
  const inputs = paths.flatMap((path) => {
    let head: string;
    try {
      head = readText(path);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      notOpened.push({ path, error: { message: error.message, code: 'unreadable-file', file: path } });
      return [];
    }
    return [
      {
        path,
        head,
        ...(command.base !== undefined ? { base: readText(command.base) } : {}),
        ...(command.baseRef !== undefined ? { base: readAtRef(command.baseRef, path) } : {}),
      },
    ];
  });
  const audited = auditLockfiles(inputs, policy, { diff });
  const result: Audit = { ...audited, unreadable: [...(audited.unreadable ?? []), ...notOpened] };
  const useColor = command.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const rendered =
    command.format === 'json'
      ? renderJson(result)
      : command.format === 'sarif'
        ? renderSarif(result, VERSION)
        : command.format === 'markdown'
          ? renderMarkdown(result, { marker: false })
          : renderText(result, { color: useColor });
  if (command.output !== undefined) {
    try {
      writeFileSync(command.output, rendered);
    } catch (error) {
      throw new UsageError(`${command.output}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  } else {
    process.stdout.write(rendered);
  }
  // Every lockfile is reported above; only then does an input error decide the exit code.
  for (const { error } of result.unreadable ?? []) process.stderr.write(`runtime-guard: ${error.message}\n`);
  if ((result.unreadable ?? []).length > 0) return 2;
  return findingsAtOrAbove(result, command.failOn).length > 0 ? 1 : 0;
}

function explain(crate: string, paths: readonly string[]): number {
  let found = false;
  for (const path of findLockfiles(paths)) {
    const graph = buildGraph(parseLockfile(readText(path), { fileName: path }));
    const results = whyPaths(graph, crate, { limit: 5 });
    if (results.length === 0) continue;
    found = true;
    process.stdout.write(`${path}\n`);
    for (const { target, paths: routes, rootsReaching } of results) {
      process.stdout.write(
        `  ${target.name} ${target.version}${target.source ? ` (${target.source.raw})` : ' (path)'}, line ${target.line}\n`,
      );
      process.stdout.write(
        `    reached by ${rootsReaching.length} workspace member${rootsReaching.length === 1 ? '' : 's'}: ${rootsReaching.map((root) => root.name).join(', ') || 'none'}\n`,
      );
      for (const route of routes) process.stdout.write(`    ${route.map((pkg) => `${pkg.name} ${pkg.version}`).join(' → ')}\n`);
    }
  }
  if (!found) process.stderr.write(`runtime-guard: no crate named "${crate}" in ${paths.join(', ')}\n`);
  return found ? 0 : 1;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  // Input and usage errors are for people: the message, never a stack trace.
  if (error instanceof UsageError || error instanceof LockfileError || error instanceof PolicyError) {
    process.stderr.write(`runtime-guard: ${error.message}\n`);
  } else {
    process.stderr.write(`runtime-guard: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exitCode = 2;
}
