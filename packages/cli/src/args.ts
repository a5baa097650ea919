import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export type Format = 'text' | 'json' | 'markdown' | 'sarif';
export type FailOn = 'error' | 'warning' | 'notice' | 'never';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'audit';
      paths: string[];
      base?: string;
      baseRef?: string;
      policy?: string;
      format: Format;
      output?: string;
      failOn: FailOn;
      quiet: boolean;
      advisoryDb?: string;
      /** Read the workspace's Cargo.toml files beside each lockfile (default true). */
      manifests: boolean;
    }
  | { kind: 'explain'; crate: string; paths: string[]; format: 'text' | 'json' };

export const HELP = `runtime-guard: find a second async runtime or a discouraged crate in Cargo.lock files

Usage:
  runtime-guard audit [PATH…] [options]   audit lockfiles or directories (default: .); "-" reads one from standard input
  runtime-guard explain CRATE[@VERSION] [PATH…]
                                          every version of CRATE (or those matching VERSION, an exact
                                          version or a range such as 0.2 or ^1.2) and why it is there
  runtime-guard --help | --version

Options of audit:
  --base FILE          compare with this base Cargo.lock (one lockfile only)
  --base-ref REF       compare each lockfile with itself at git REF, in its own repository
                       (missing there: new)
  --policy FILE        policy file for every lockfile (default: runtime-guard.toml, then
                       .github/runtime-guard.toml, from each lockfile's folder up to its repository root)
  --format FORMAT      text (default), json, markdown or sarif
  --output FILE        write the report to FILE instead of standard output
  --fail-on LEVEL      error (default), warning, notice or never; in diff mode only
                       introduced findings count
  --advisory-db PATH   read RustSec advisories from a local rustsec/advisory-db checkout
                       instead of the snapshot bundled with runtime-guard
  --quiet, -q          no progress on standard error (shown only on a terminal, for several lockfiles)
  --no-manifests       judge the lockfile alone; by default the workspace's Cargo.toml files
                       beside it (root, members, path dependencies) say which build runs what

Options of explain:
  --format FORMAT      text (default) or json

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error
(a lockfile or --base that cannot be read: every lockfile is reported first, then the code is 2).
`;

const FORMATS: readonly Format[] = ['text', 'json', 'markdown', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

/** Turns argv (without node and the script) into a command, or throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/, '')}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command === 'explain') {
    const [crate, ...paths] = rest;
    if (!crate) throw new UsageError('explain needs a crate name: runtime-guard explain CRATE[@VERSION] [PATH…]');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`explain --format must be text or json, not "${format}"`);
    for (const option of ['base', 'base-ref', 'policy', 'output', 'fail-on', 'advisory-db'] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is an option of audit, not of explain`);
    }
    return { kind: 'explain', crate, paths: paths.length ? paths : ['.'], format };
  }
  if (command !== 'audit') throw new UsageError(`unknown command "${command}"; expected "audit" or "explain"\n\n${HELP}`);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}"`);
  if (values.base && values['base-ref']) throw new UsageError('give either --base or --base-ref, not both');
  if (values.base === '-' && rest.includes('-'))
    throw new UsageError('standard input ("-") holds one lockfile: give it as the PATH or as --base, not both');
  if (values.base && rest.length > 1) throw new UsageError('--base compares one lockfile: give a single PATH');
  return {
    kind: 'audit',
    paths: rest.length ? rest : ['.'],
    format,
    failOn,
    quiet: values.quiet === true,
    manifests: !values['no-manifests'],
    ...(values.base ? { base: values.base } : {}),
    ...(values['base-ref'] ? { baseRef: values['base-ref'] } : {}),
    ...(values.policy ? { policy: values.policy } : {}),
    ...(values.output ? { output: values.output } : {}),
    ...(values['advisory-db'] ? { advisoryDb: values['advisory-db'] } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
      base: { type: 'string' },
      'base-ref': { type: 'string' },
      policy: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'advisory-db': { type: 'string' },
      'no-manifests': { type: 'boolean' },
    },
  });
}
