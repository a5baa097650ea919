/**
 * Finds the line of a key path (`allow[1].expires`, `severity.multiple-runtimes`, `runtime`) in a
 * policy file's text. smol-toml does not keep positions, and a policy is small, so one pass over its
 * lines that follows table headers is enough. Returns undefined when the key cannot be placed.
 */
export function lineOfKeyPath(text: string, path: readonly PropertyKey[]): number | undefined {
  const lines = text.split(/\r?\n/);
  const [first, second, third] = path;
  if (typeof first !== 'string') return undefined;
  const arrayIndex = typeof second === 'number' ? second : undefined;
  const key = arrayIndex !== undefined ? third : second;

  let tableStart: number | undefined;
  if (path.length === 1) {
    tableStart = -1; // top level: before the first header
  } else {
    let seen = -1;
    for (let index = 0; index < lines.length; index++) {
      const header = tableHeader(lines[index] as string);
      if (!header || header.name !== first) continue;
      if (arrayIndex === undefined || (header.isArray && ++seen === arrayIndex)) {
        tableStart = index;
        break;
      }
    }
    if (tableStart === undefined) return findAssignment(lines, 0, first) ?? undefined;
  }
  const wanted = path.length === 1 ? first : key;
  if (typeof wanted !== 'string') return tableStart + 1;
  return findAssignment(lines, tableStart + 1, wanted) ?? (tableStart >= 0 ? tableStart + 1 : undefined);
}

function tableHeader(line: string): { name: string; isArray: boolean } | undefined {
  const match = /^\s*\[(\[)?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$/.exec(line);
  return match ? { name: match[2] as string, isArray: match[1] === '[' } : undefined;
}

/** The 1-based line of `key = …` from `from` (0-based) up to the next table header. */
function findAssignment(lines: readonly string[], from: number, key: string): number | undefined {
  const pattern = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`);
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] as string;
    if (tableHeader(line)) return undefined;
    if (pattern.test(line)) return index + 1;
  }
  return undefined;
}
