#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import {
  type AdvisoryDatabase,
  AdvisoryDataError,
  type Audit,
  auditLockfiles,
  combineAudits,
  findingsAtOrAbove,
  LockfileError,
  type LockfileInput,
  loadPolicy,
  type Policy,
  PolicyError,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
  showInvisible,
  type UnreadableLockfile,
} from '@runtime-guard/core';
import { type Command, HELP, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import { explain } from './explain.js';
import { displayName, findLockfiles, readAtRef, readLockfileText, readPolicyText, STDIN } from './files.js';
import { collectManifests, diskSource, gitSource } from './manifests.js';
import { policyFileFor } from './policy-lookup.js';
import { createProgress } from './progress.js';
import { isTerminal, writeText } from './stdio.js';

const VERSION = '0.1.0';

async function run(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    writeText(1, HELP);
    return 0;
  }
  if (command.kind === 'version') {
    writeText(1, `runtime-guard ${VERSION}\n`);
    return 0;
  }
  if (command.kind === 'explain') return explain(command.crate, command.paths, command.format);
  // Only this rare flag needs the advisory-db reader: loaded on demand, never on the default path.
  const advisories = command.advisoryDb ? (await import('./advisory-db.js')).readAdvisoryCheckout(command.advisoryDb) : undefined;
  return audit(command, advisories);
}

function audit(command: Extract<Command, { kind: 'audit' }>, advisories?: AdvisoryDatabase): number {
  const paths = findLockfiles(command.paths);
  if (command.base !== undefined && paths.length > 1)
    throw new UsageError(
      `--base compares one lockfile, but ${command.paths.join(', ')} holds ${paths.length}: give a single Cargo.lock, or use --base-ref REF to compare each lockfile with itself at a git ref`,
    );
  const diff = command.base !== undefined || command.baseRef !== undefined;
  const policies = new PolicyCache(command.policy);
  const progress = createProgress(paths.length, command.quiet);
  const results: Audit[] = [];
  // A lockfile that cannot be opened (or is not UTF-8) is reported like one that cannot be parsed: after the others.
  const notOpened: UnreadableLockfile[] = [];
  paths.forEach((path, index) => {
    progress.step(index + 1, showInvisible(displayName(path)));
    let head: string;
    try {
      head = readLockfileText(path);
    } catch (error) {
      notOpened.push(unopened(path, error));
      return;
    }
    const policyFile = policies.fileFor(path);
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
    const input: LockfileInput = {
      path: displayName(path),
      head,
      policyFile,
      ...(policyFile !== null ? { policy: policies.load(policyFile) } : {}),
      ...(command.base !== undefined ? { base: readLockfileText(command.base), baseName: displayName(command.base) } : {}),
      ...(command.baseRef !== undefined ? { base: readAtRef(command.baseRef, path) } : {}),
      ...(manifests ? { manifests } : {}),
      ...(baseManifests ? { baseManifests } : {}),
    };
    results.push(auditLockfiles([input], undefined, { diff, ...(advisories ? { advisories } : {}) }));
  });
  progress.finish();
  const result = combineAudits(diff ? 'diff' : 'audit', results, notOpened);
  const useColor = command.output === undefined && !process.env.NO_COLOR && isTerminal(1);
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
    writeText(1, rendered);
  }
  // Every lockfile is reported above; only then does an input error decide the exit code.
  // A base that cannot be read is an input error too, though its head was audited in full.
  const problems = [
    ...(result.unreadable ?? []).map(({ error }) => error),
    ...result.lockfiles.flatMap(({ baseError }) => (baseError ? [baseError] : [])),
  ];
  for (const error of problems) writeText(2, `runtime-guard: ${showInvisible(error.message)}\n`);
  if (problems.length > 0) return 2;
  return findingsAtOrAbove(result, command.failOn).length > 0 ? 1 : 0;
}

/** A lockfile that could not be opened, as an unreadable entry of the report; anything else is rethrown. */
function unopened(path: string, error: unknown): UnreadableLockfile {
  const file = displayName(path);
  if (error instanceof LockfileError) {
    const { line, column } = error.location;
    return {
      path: file,
      error: { message: error.message, code: error.code, file, ...(line ? { line } : {}), ...(column ? { column } : {}) },
    };
  }
  if (!(error instanceof UsageError)) throw error;
  return { path: file, error: { message: error.message, code: 'unreadable-file', file } };
}

/** Policy files found per lockfile, each read and checked once however many lockfiles share it. */
class PolicyCache {
  private readonly loaded = new Map<string, Policy>();
  constructor(private readonly given: string | undefined) {}

  fileFor(lockfile: string): string | null {
    return policyFileFor(lockfile, this.given);
  }

  load(file: string): Policy {
    let policy = this.loaded.get(file);
    if (!policy) {
      policy = loadPolicy(readPolicyText(file), file);
      this.loaded.set(file, policy);
    }
    return policy;
  }
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

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Input and usage errors are for people: the message, never a stack trace.
    if (
      error instanceof UsageError ||
      error instanceof LockfileError ||
      error instanceof PolicyError ||
      error instanceof AdvisoryDataError
    ) {
      process.stderr.write(`runtime-guard: ${terminalMessage(error.message)}\n`);
    } else {
      process.stderr.write(`runtime-guard: unexpected error: ${terminalMessage((error as Error)?.message ?? String(error))}\n`);
    }
    process.exitCode = 2;
  },
);
