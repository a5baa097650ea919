/**
 * Line numbers of dependency declarations. smol-toml keeps no positions, and a manifest is small, so
 * one pass over its lines finds each `key = …` under a dependency table and each
 * `[…dependencies.key]` header. Good for what Cargo writes and people usually write; a declaration it
 * cannot find gets line 0.
 */

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

/** `table` is the dependency table's key path joined with NUL: `dependencies`, `target\0cfg(unix)\0dev-dependencies`. */
export function dependencyLineKey(table: readonly string[], key: string): string {
  return `${table.join('\0')}\0\0${key}`;
}

/** Maps {@link dependencyLineKey} to the 1-based line of each dependency declaration in `text`. */
export function locateDependencies(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let table: string[] | undefined;
  const all = text.split('\n');
  for (let index = 0; index < all.length; index++) {
    const line = (all[index] as string).trim();
    if (line.startsWith('[')) {
      table = undefined;
      if (line.startsWith('[[')) continue;
      const close = line.lastIndexOf(']');
      if (close < 0) continue;
      const parts = splitDottedKey(line.slice(1, close));
      const at = parts.findIndex((part) => DEPENDENCY_TABLES.has(part));
      if (at < 0) continue;
      if (at === parts.length - 1) table = parts;
      else if (at === parts.length - 2) {
        const key = dependencyLineKey(parts.slice(0, at + 1), parts[at + 1] as string);
        if (!lines.has(key)) lines.set(key, index + 1);
      }
      continue;
    }
    if (!table || line === '' || line.startsWith('#')) continue;
    const match = /^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]/.exec(line);
    if (!match) continue;
    const key = dependencyLineKey(table, (match[1] as string).replace(/^["']|["']$/g, ''));
    if (!lines.has(key)) lines.set(key, index + 1);
  }
  return lines;
}
