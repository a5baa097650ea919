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
  showInvisible,
  type UnreadableLockfile,
  whyPaths,
} from '@runtime-guard/core';
import { type Command, HELP, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import { displayName, findLockfiles, findPolicy, readAtRef, readLockfileText, readPolicyText, STDIN } from './files.js';
import { collectManifests, diskSource, gitSource } from './manifests.js';

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
  const policy: Policy | undefined = policyPath ? loadPolicy(readPolicyText(policyPath), policyPath) : undefined;
  if (command.kind === 'explain') return explain(command.crate, command.paths);
  return audit(command, policy);
}

function audit(command: Extract<Command, { kind: 'audit' }>, policy: Policy | undefined): number {
  const paths = findLockfiles(command.paths);
  const diff = command.base !== undefined || command.baseRef !== undefined;
  // A lockfile that cannot be opened (or is not UTF-8) is reported like one that cannot be parsed: after the others.
  const notOpened: UnreadableLockfile[] = [];
  const inputs = paths.flatMap((path) => {
    let head: string;
    try {
      head = readLockfileText(path);
    } catch (error) {
      if (error instanceof LockfileError) {
        const { line, column } = error.location;
        notOpened.push({
          path: displayName(path),
          error: {
            message: error.message,
            code: error.code,
            file: displayName(path),
            ...(line ? { line } : {}),
            ...(column ? { column } : {}),
          },
        });
        return [];
      }
      if (!(error instanceof UsageError)) throw error;
      notOpened.push({ path: displayName(path), error: { message: error.message, code: 'unreadable-file', file: displayName(path) } });
      return [];
    }
    // The workspace's manifests beside the lockfile (not for standard input: it has no folder).
    const manifests = command.manifests && path !== STDIN ? collectManifests(diskSource(path)) : undefined;
    const baseManifests =
      command.baseRef !== undefined
        ? manifests
          ? collectManifests(gitSource(command.baseRef, path))
          : undefined
        : command.base !== undefined
          ? manifests
          : undefined;
    return [
      {
        path: displayName(path),
        head,
        ...(command.base !== undefined ? { base: readLockfileText(command.base), baseName: displayName(command.base) } : {}),
        ...(command.baseRef !== undefined ? { base: readAtRef(command.baseRef, path) } : {}),
        ...(manifests ? { manifests } : {}),
        ...(baseManifests ? { baseManifests } : {}),
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
  // A base that cannot be read is an input error too, though its head was audited in full.
  const problems = [
    ...(result.unreadable ?? []).map(({ error }) => error),
    ...result.lockfiles.flatMap(({ baseError }) => (baseError ? [baseError] : [])),
  ];
  for (const error of problems) process.stderr.write(`runtime-guard: ${showInvisible(error.message)}\n`);
  if (problems.length > 0) return 2;
  return findingsAtOrAbove(result, command.failOn).length > 0 ? 1 : 0;
}

/**
 * An error message for the terminal: control and invisible characters shown as escapes (lines kept),
 * and at most 2,000 characters (an ambiguous dependency among 100,000 packages lists them all).
 */
function terminalMessage(message: string): string {
  const lines = message.split('\n').map(showInvisible).join('\n');
  return lines.length <= MESSAGE_LIMIT ? lines : `${lines.slice(0, MESSAGE_LIMIT)}… (${lines.length - MESSAGE_LIMIT} more characters)`;
}

const MESSAGE_LIMIT = 2_000;

function explain(crate: string, paths: readonly string[]): number {
  const out = (text: string) => process.stdout.write(showInvisible(text.slice(0, -1)) + text.slice(-1));
  let found = false;
  for (const path of findLockfiles(paths)) {
    const graph = buildGraph(parseLockfile(readLockfileText(path), { fileName: displayName(path) }));
    const results = whyPaths(graph, crate, { limit: 5, maxSteps: 24 });
    if (results.length === 0) continue;
    found = true;
    out(`${displayName(path)}\n`);
    for (const { target, paths: routes, rootsReaching, pathLengths } of results) {
      out(`  ${target.name} ${target.version}${target.source ? ` (${target.source.raw})` : ' (path)'}, line ${target.line}\n`);
      out(
        `    reached by ${rootsReaching.length} workspace member${rootsReaching.length === 1 ? '' : 's'}: ${rootsReaching.map((root) => root.name).join(', ') || 'none'}\n`,
      );
      routes.forEach((route, index) => {
        const steps = route.map((pkg) => `${pkg.name} ${pkg.version}`);
        // A path cut to its first and last 12 steps says how many it left out.
        const hidden = (pathLengths[index] ?? route.length) - route.length;
        if (hidden > 0) steps.splice(Math.ceil(route.length / 2), 0, `… ${hidden} more …`);
        out(`    ${steps.join(' → ')}\n`);
      });
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
    process.stderr.write(`runtime-guard: ${terminalMessage(error.message)}\n`);
  } else {
    process.stderr.write(`runtime-guard: unexpected error: ${terminalMessage((error as Error)?.message ?? String(error))}\n`);
  }
  process.exitCode = 2;
}
