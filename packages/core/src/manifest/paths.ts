/**
 * Repository-relative POSIX paths, computed without a file system: manifests arrive as a map from
 * path to text, so folders and `..` are resolved on the strings.
 */

/** `a/./b/../c` → `a/c`; '' for the root. A path that climbs above the root keeps its leading `..`. */
export function normalizePath(path: string): string {
  if (isNormalized(path)) return path;
  const parts: string[] = [];
  for (const part of (path.includes('\\') ? path.replace(/\\/g, '/') : path).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * True when {@link normalizePath} would return `path` unchanged: no backslash, no empty, `.` or `..`
 * segment. Most paths are (every manifest path a reader lists), and checking is cheaper than rebuilding.
 */
function isNormalized(path: string): boolean {
  let segment = 0;
  for (let at = 0; at <= path.length; at++) {
    const code = at < path.length ? path.charCodeAt(at) : 47; /* / */
    if (code === 92 /* \\ */) return false;
    if (code !== 47) continue;
    const length = at - segment;
    if (length === 0) return path.length === 0;
    if (path.charCodeAt(segment) === 46 /* . */ && (length === 1 || (length === 2 && path.charCodeAt(segment + 1) === 46))) return false;
    segment = at + 1;
  }
  return true;
}

/** Joins a folder and a relative path. */
export function joinPath(dir: string, path: string): string {
  return normalizePath(dir === '' ? path : `${dir}/${path}`);
}

/** The folder of a file path ('' at the root). */
export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** The manifest path of a package folder. */
export function manifestIn(dir: string): string {
  return dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`;
}

/** True when `path` is `dir` or below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' ? !path.startsWith('..') : path === dir || path.startsWith(`${dir}/`);
}

/**
 * A matcher for a `members`/`exclude` pattern: Cargo expands members with the `glob` crate
 * (`*`, `?`, `[…]` within one path segment, `**` across segments); an entry without a wildcard is
 * a plain folder.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  const normalized = normalizePath(pattern);
  if (!/[*?[]/.test(normalized)) return (path) => path === normalized;
  let source = '';
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index] as string;
    if (char === '*' && normalized[index + 1] === '*') {
      source += '.*';
      index++;
      if (normalized[index + 1] === '/') index++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = normalized.indexOf(']', index);
      if (close < 0) source += '\\[';
      else {
        source += `[${normalized
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(path);
}

/** The fixed folder a `members` pattern starts from (`crates/*` → `crates`, `**` → ''): where to list candidates. */
export function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const part of normalizePath(pattern).split('/')) {
    if (/[*?[]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

/** Of candidate manifest paths (`crates/a/Cargo.toml`), those whose package folder the pattern matches. */
export function manifestsMatching(pattern: string, candidates: readonly string[]): string[] {
  const match = globMatcher(pattern);
  return candidates.filter((candidate) => match(dirOf(candidate)));
}
