import { parse as parseToml, TomlError } from 'smol-toml';
import type { core } from 'zod/mini';
import { formatKeyPath } from '../lockfile/errors.js';
import { zodCheck } from '../zod-check.js';
import { PolicyError } from './errors.js';
import { lineOfKeyPath } from './locate.js';
import { type Policy, type PolicyFile, policyFileSchema, RULE_IDS } from './schema.js';

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['runtime', 'allowed-runtimes', 'scope', 'severity', 'discouraged', 'allow', 'advisories'],
  scope: ['dev', 'targets', 'runtimes'],
  severity: RULE_IDS,
  discouraged: ['crate', 'versions', 'reason', 'use-instead', 'since', 'advisory'],
  allow: ['crate', 'versions', 'reason', 'expires', 'via', 'rules'],
  advisories: ['scope', 'vulnerabilities', 'severity', 'ignore'],
  'advisories.ignore': ['id', 'reason', 'expires'],
};

/**
 * Reads a `runtime-guard.toml` policy. Every key is optional; unknown keys and wrong values are
 * refused with the file, line and key path.
 *
 * @throws PolicyError
 * @example
 * const policy = loadPolicy('runtime = "tokio"\nallowed-runtimes = ["tokio"]\n', 'runtime-guard.toml');
 */
export function loadPolicy(text: string, fileName = 'runtime-guard.toml'): Policy {
  let document: unknown;
  try {
    document = parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      throw new PolicyError(`not valid TOML: ${reason}`, { fileName, line: error.line, column: error.column });
    }
    throw new PolicyError(`not valid TOML: ${String(error)}`, { fileName });
  }
  const result = zodCheck(policyFileSchema(), document);
  if (!result.success) throw toPolicyError(result.error.issues[0] as core.$ZodIssue, document, text, fileName);
  return fromFile(result.data, text, fileName);
}

function fromFile(file: PolicyFile, text: string, fileName: string): Policy {
  const origin = (table: string, index: number): string => {
    const line = lineOfKeyPath(text, [table, index]);
    return line ? `${fileName}:${line}` : fileName;
  };
  return {
    fileName,
    ...(file.runtime ? { runtime: file.runtime } : {}),
    ...(file['allowed-runtimes'] ? { allowedRuntimes: file['allowed-runtimes'] } : {}),
    ...(file.scope ? { scope: Object.fromEntries(Object.entries(file.scope).filter(([, value]) => value !== undefined)) } : {}),
    severity: Object.fromEntries(Object.entries(file.severity ?? {}).filter(([, value]) => value !== undefined)),
    discouraged: file.discouraged.map((entry, index) => ({
      crate: entry.crate,
      versions: entry.versions,
      reason: entry.reason,
      useInstead: entry['use-instead'],
      ...(entry.since ? { since: entry.since } : {}),
      ...(entry.advisory ? { advisory: entry.advisory } : {}),
      origin: origin('discouraged', index),
    })),
    allow: file.allow.map((entry, index) => ({
      crate: entry.crate,
      versions: entry.versions,
      reason: entry.reason,
      ...(entry.expires ? { expires: entry.expires } : {}),
      ...(entry.via ? { via: entry.via } : {}),
      ...(entry.rules ? { rules: entry.rules } : {}),
      origin: origin('allow', index),
    })),
    ...(file.advisories
      ? {
          advisories: {
            scope: file.advisories.scope,
            vulnerabilities: file.advisories.vulnerabilities,
            severity: file.advisories.severity,
            ignore: file.advisories.ignore.map((entry, index) => {
              const line = nthHeaderLine(text, 'advisories.ignore', index);
              return {
                id: entry.id,
                reason: entry.reason,
                ...(entry.expires ? { expires: entry.expires } : {}),
                origin: line ? `${fileName}:${line}` : fileName,
              };
            }),
          },
        }
      : {}),
  };
}

function toPolicyError(issue: core.$ZodIssue, document: unknown, text: string, fileName: string): PolicyError {
  const path = issue.path;
  const keyPath = formatKeyPath(path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const table = path.filter((part) => typeof part === 'string').join('.');
    const where = keyPath === '(top level)' ? '' : `${keyPath}.`;
    const line = lineOfKeyPath(text, [...path, keys[0] as string]);
    return new PolicyError(
      `unknown key ${keys.map((key) => `\`${where}${key}\``).join(', ')}; expected one of: ${(KNOWN_KEYS[table] ?? []).join(', ')}`,
      { fileName, ...(line ? { line } : {}), key: `${where}${keys[0]}` },
    );
  }
  const line = lineOfKeyPath(text, path);
  const received = valueAt(document, path);
  return new PolicyError(`key \`${keyPath}\`: ${describeIssue(issue, received)}`, { fileName, ...(line ? { line } : {}), key: keyPath });
}

function describeIssue(issue: core.$ZodIssue, received: unknown): string {
  const got = received === undefined ? 'nothing (the key is missing)' : describeValue(received);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'object' ? 'a table' : issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${got}`;
    default:
      return `${issue.message}, got ${got}`;
  }
}

/** Longest excerpt of a wrong value quoted in an error: a 200 KB string is not echoed whole. */
const VALUE_EXCERPT = 80;

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= VALUE_EXCERPT) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, VALUE_EXCERPT))}… (${value.length} characters)`;
  }
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'a table';
  return `${typeof value} ${String(value)}`;
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** 1-based line of the `index`-th `[[name]]` header, if written that way (the locator reads top-level tables only). */
function nthHeaderLine(text: string, name: string, index: number): number | undefined {
  let seen = -1;
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    if (lines[at]?.trim().replace(/\s+/g, '') === `[[${name}]]` && ++seen === index) return at + 1;
  }
  return undefined;
}
