/** Where the tables of interest start, as 1-based line numbers, in file order. */
export interface TableLines {
  readonly packages: number[];
  readonly patchUnused: number[];
  readonly root?: number;
  /** The line of the top-level `version = N` key, when there is one. */
  readonly version?: number;
}

const TABLE_HEADER = /^[ \t]*\[(\[)?[ \t]*(package|patch\.unused|root)[ \t]*\]\]?[ \t]*(?:#.*)?$/gm;
const VERSION_KEY = /^[ \t]*version[ \t]*=/m;

/**
 * Scans the text once for the headers of `[[package]]`, `[[patch.unused]]` and `[root]` tables.
 * smol-toml does not report positions of values, and a header scan is far cheaper than a second
 * parser; the caller checks the counts against the parsed tables before trusting them.
 */
export function findTableLines(text: string): TableLines {
  const packages: number[] = [];
  const patchUnused: number[] = [];
  let root: number | undefined;
  let line = 1;
  let scanned = 0;
  TABLE_HEADER.lastIndex = 0;
  for (let match = TABLE_HEADER.exec(text); match; match = TABLE_HEADER.exec(text)) {
    line += countNewlines(text, scanned, match.index);
    scanned = match.index;
    const isArray = match[1] === '[';
    const name = match[2];
    if (isArray && name === 'package') packages.push(line);
    else if (isArray && name === 'patch.unused') patchUnused.push(line);
    else if (!isArray && name === 'root') root = line;
  }
  const firstTable = text.search(/^[ \t]*\[/m);
  const head = firstTable >= 0 ? text.slice(0, firstTable) : text;
  const versionAt = head.search(VERSION_KEY);
  const version = versionAt >= 0 ? 1 + countNewlines(text, 0, versionAt) : undefined;
  return {
    packages,
    patchUnused,
    ...(root !== undefined ? { root } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index >= 0 && index < to; index = text.indexOf('\n', index + 1)) {
    count++;
  }
  return count;
}

/** The 1-based line at which `needle` first occurs at or after line `fromLine`, if it does. */
export function findLineOf(text: string, needle: string, fromLine = 1): number | undefined {
  let offset = 0;
  for (let line = 1; line < fromLine; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const at = text.indexOf(needle, offset);
  if (at < 0) return undefined;
  return fromLine + countNewlines(text, offset, at);
}

/**
 * Like {@link findLineOf}, for many lookups in one text: the line starts are indexed once, on the
 * first call, so each lookup is a search plus a binary search rather than a scan from the start.
 */
export function lineFinder(text: string): (needle: string, fromLine: number) => number | undefined {
  let starts: number[] | undefined;
  return (needle, fromLine) => {
    if (!starts) {
      starts = [0];
      for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    }
    const from = starts[Math.max(0, fromLine - 1)];
    if (from === undefined) return undefined;
    const at = text.indexOf(needle, from);
    if (at < 0) return undefined;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
