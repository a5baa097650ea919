/**
 * Line numbers of dependency declarations. smol-toml keeps no positions, and a manifest is small, so
 * one pass over its lines finds each `key = …` under a dependency table and each
 * `[…dependencies.key]` header. Good for what Cargo writes and people usually write; a declaration it
 * cannot find gets line 0.
 */
import type { TomlLineListener } from './toml-subset.js';

/** Splits a dotted TOML key (`target.'cfg(unix)'.dependencies`) into its parts, unquoted. */
export function splitDottedKey(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '.') {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

const DEPENDENCY_TABLES = new Set(['dependencies', 'dev-dependencies', 'dev_dependencies', 'build-dependencies', 'build_dependencies']);

/**
 * Lines of dependency declarations: table (its key path joined with NUL, see {@link tableId}) → key →
 * 1-based line. Nested rather than keyed by one joined string: a workspace reads thousands of
 * declarations, and a lookup by the key as the parser produced it (already hashed) costs far less
 * than building and hashing a fresh joined string for each.
 */
export type DependencyLines = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** A dependency table's key path joined with NUL: `dependencies`, `target\0cfg(unix)\0dev-dependencies`. */
export function tableId(table: readonly string[]): string {
  return table.join('\0');
}

/** The line of `key` in the table `table` (a {@link tableId}); undefined when it was not found. */
export function lineOf(lines: DependencyLines, table: string, key: string): number | undefined {
  return lines.get(table)?.get(key);
}

/**
 * Collects dependency lines one line at a time, by the rule below; {@link locateDependencies} feeds
 * it every line of a text, and the TOML subset reader feeds it, as it reads, the lines the rule can act
 * on (see {@link TomlLineListener}), which gives the same map without a second pass over the text.
 *
 * The rule, per line: a line starting with `[` (after spaces) ends the current table; a
 * `[…dependencies]` header starts one, a `[…dependencies.key]` header declares `key`; in a table,
 * a line starting with `key =` or `key.` declares `key`. The first declaration of a key counts.
 */
export class DependencyLineCollector implements TomlLineListener {
  readonly lines = new Map<string, Map<string, number>>();
  private table: string | undefined;
  /** The current table's keys, looked up once per table rather than once per declaration. */
  private tableKeys: Map<string, number> | undefined;

  constructor(private readonly text: string) {}

  /** Applies the rule to the line numbered `line`, not empty, whose first character after spaces is at `at`. */
  line(at: number, line: number): void {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === 91 /* [ */) {
      this.table = undefined;
      this.tableKeys = undefined;
      if (text.charCodeAt(at + 1) !== 91) {
        let end = text.indexOf('\n', at);
        if (end < 0) end = text.length;
        const close = text.lastIndexOf(']', end);
        if (close > at) {
          const parts = splitDottedKey(text.slice(at + 1, close));
          const index = parts.findIndex((part) => DEPENDENCY_TABLES.has(part));
          if (index >= 0 && index === parts.length - 1) this.table = parts.join('\0');
          else if (index >= 0 && index === parts.length - 2)
            record(keysOf(this.lines, parts.slice(0, index + 1).join('\0')), parts[index + 1] as string, line);
        }
      }
    } else if (this.table !== undefined && first !== 35 /* # */) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const key = declaredKey(text, at, end);
      if (key !== undefined) this.declare(key, line);
    }
  }

  /** A `key = …` or `key.sub = …` line whose first key part, unquoted, is `key`: the rule's second case, without reading the line again. */
  keyValue(key: string, line: number): void {
    if (this.table !== undefined) this.declare(key, line);
  }

  private declare(key: string, line: number): void {
    this.tableKeys ??= keysOf(this.lines, this.table as string);
    record(this.tableKeys, key, line);
  }
}

/** The keys recorded for `table`, created on its first key. */
function keysOf(lines: Map<string, Map<string, number>>, table: string): Map<string, number> {
  let keys = lines.get(table);
  if (keys === undefined) {
    keys = new Map();
    lines.set(table, keys);
  }
  return keys;
}

function record(keys: Map<string, number>, key: string, line: number): void {
  if (keys.get(key) === undefined) keys.set(key, line);
}

/** The 1-based line of each dependency declaration in `text`, by table and key ({@link DependencyLines}): every line through the rule. */
export function locateDependencies(text: string): DependencyLines {
  const collector = new DependencyLineCollector(text);
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    let at = start;
    while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
    if (at < end) collector.line(at, lineNumber);
    start = end + 1;
  }
  return collector.lines;
}

/** The key of a `key = …` or `key.sub = …` line starting at `at`, unquoted; undefined for anything else. */
function declaredKey(text: string, at: number, end: number): string | undefined {
  const first = text.charCodeAt(at);
  let keyEnd: number;
  let key: string;
  if (first === 34 || first === 39) {
    keyEnd = text.indexOf(text[at] as string, at + 1);
    if (keyEnd < 0 || keyEnd >= end) return undefined;
    key = text.slice(at + 1, keyEnd);
    keyEnd++;
  } else {
    keyEnd = at;
    for (;;) {
      const code = text.charCodeAt(keyEnd);
      const bare = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95;
      if (!bare) break;
      keyEnd++;
    }
    if (keyEnd === at) return undefined;
    key = text.slice(at, keyEnd);
  }
  while (keyEnd < end && (text.charCodeAt(keyEnd) === 32 || text.charCodeAt(keyEnd) === 9)) keyEnd++;
  const next = text.charCodeAt(keyEnd);
  return next === 61 /* = */ || next === 46 /* . */ ? key : undefined;
}
