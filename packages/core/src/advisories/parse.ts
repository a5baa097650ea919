import { parse as parseToml } from 'smol-toml';
import * as z from 'zod/mini';
import { zodCheck } from '../zod-check.js';
import { AdvisoryDataError } from './errors.js';
import { parseRequirement } from './ranges.js';
import type { Advisory } from './types.js';

/** A `crates/<crate>/RUSTSEC-*.md` file of an advisory-db checkout: its path (for messages) and text. */
export interface AdvisoryFile {
  readonly path: string;
  readonly text: string;
}

let frontMatterSchema: ReturnType<typeof buildSchema> | undefined;
function buildSchema() {
  const isoDay = z.pipe(
    z.union([z.string(), z.date()]),
    z.transform((value: string | Date, context) => {
      const day = value instanceof Date ? value.toISOString().slice(0, 10) : value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        context.issues.push({ code: 'custom', message: 'must be a date written YYYY-MM-DD', input: value });
        return z.NEVER;
      }
      return day;
    }),
  );
  const requirement = z.string().check(
    z.superRefine((value: string, context) => {
      try {
        parseRequirement(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  );
  const strings = () => z._default(z.array(z.string()), []);
  return z.object({
    advisory: z.object({
      id: z.string().check(z.regex(/^RUSTSEC-\d{4}-\d{4}$/, 'must be RUSTSEC-YYYY-NNNN')),
      package: z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'must be a crate name')),
      date: isoDay,
      informational: z.optional(z.enum(['unmaintained', 'unsound', 'notice'])),
      withdrawn: z.optional(isoDay),
      url: z.optional(z.string()),
      aliases: strings(),
      license: z.optional(z.string()),
    }),
    affected: z._default(
      z.object({
        os: strings(),
        arch: strings(),
        functions: z._default(z.record(z.string(), z.array(requirement)), {}),
      }),
      { os: [], arch: [], functions: {} },
    ),
    versions: z.object({ patched: z.array(requirement), unaffected: z._default(z.array(requirement), []) }),
  });
}

/**
 * Reads one advisory file: the ```toml front matter (validated with zod), the Markdown title and
 * the alternatives the text names. Pure.
 *
 * @throws {AdvisoryDataError} naming the file and the key that is wrong.
 */
export function parseAdvisoryFile(file: AdvisoryFile): Advisory {
  const match = /^\s*```toml\r?\n([\s\S]*?)\r?\n```[^\n]*\n?([\s\S]*)$/.exec(file.text);
  if (!match) throw new AdvisoryDataError(file.path, undefined, 'has no ```toml front matter block at its start');
  const [, toml = '', body = ''] = match;
  let raw: unknown;
  try {
    raw = parseToml(toml);
  } catch (error) {
    throw new AdvisoryDataError(file.path, undefined, `front matter is not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  frontMatterSchema ??= buildSchema();
  const result = zodCheck(frontMatterSchema, raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AdvisoryDataError(file.path, issue?.path.join('.'), issue?.message ?? 'is not a valid advisory');
  }
  const { advisory, affected, versions } = result.data;
  const expectedName = file.path.replace(/\\/g, '/').split('/').pop();
  if (expectedName?.startsWith('RUSTSEC-') && expectedName !== `${advisory.id}.md`) {
    throw new AdvisoryDataError(file.path, 'advisory.id', `is ${advisory.id}, but the file is named ${expectedName}`);
  }
  const title = /^#\s+(.+?)\s*$/m.exec(body)?.[1] ?? '';
  return {
    id: advisory.id,
    package: advisory.package,
    date: advisory.date,
    kind: advisory.informational ?? 'vulnerability',
    ...(advisory.withdrawn ? { withdrawn: advisory.withdrawn } : {}),
    patched: versions.patched,
    unaffected: versions.unaffected,
    os: affected.os,
    arch: affected.arch,
    functions: Object.keys(affected.functions),
    aliases: advisory.aliases,
    ...(advisory.url ? { url: advisory.url } : {}),
    title,
    ...(advisory.license ? { license: advisory.license } : {}),
    alternatives: alternativesIn(body, advisory.package),
  };
}

/**
 * Crate names linked (crates.io, lib.rs, docs.rs) where the text offers alternatives: under a heading
 * or a lead-in line that mentions an alternative, or on a line that says "instead", "superseded",
 * "migrate" or "available as". The advisory's own crate is left out.
 */
function alternativesIn(body: string, self: string): string[] {
  const names: string[] = [];
  let inSection = false;
  for (const line of body.split('\n')) {
    const heading =
      /^#{1,6}\s+(.*)$/.exec(line) ?? /^\s*\**((?:possible |recommended |maintained )?alternatives?\b[^:]*):\**\s*$/i.exec(line);
    if (heading) {
      inSection = /alternative|replacement|instead/i.test(heading[1] ?? '');
      continue;
    }
    if (!inSection && !/alternative|instead|superseded|migrat|available as/i.test(line)) continue;
    for (const link of line.matchAll(/https?:\/\/(?:crates\.io\/crates|lib\.rs\/crates|lib\.rs|docs\.rs)\/([A-Za-z0-9_-]+)/g)) {
      const name = link[1];
      if (name && name !== self && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Reads every advisory file, in a stable order (by id). Pure. @throws {AdvisoryDataError} on the first bad file. */
export function parseAdvisoryFiles(files: readonly AdvisoryFile[]): Advisory[] {
  return files.map(parseAdvisoryFile).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
